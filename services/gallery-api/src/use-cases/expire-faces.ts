import type { Clock } from '@photo/shared/ports/common';
import type { FaceAnalysisRepository } from '@photo/shared/ports/face-analysis-repository.port';
import type { FaceIndex, StoredFaceIndex } from '@photo/shared/ports/face-index.port';
import type { GalleryUserRepository } from '@photo/shared/ports/gallery-user-repository.port';

export interface ExpireFacesDeps {
  users: GalleryUserRepository;
  faces: FaceIndex | StoredFaceIndex;
  analyses: FaceAnalysisRepository;
  clock: Clock;
}

const BATCH = 100;

/**
 * The retention sweep: faces whose retention ended leave the index (from the users' recorded expiry, which works for
 * every index, Rekognition's included; a stored index also drops expired rows it holds), and analyses that were
 * never used leave the store. The users stay, unrecognisable until they consent again.
 */
export async function expireFaces(deps: ExpireFacesDeps): Promise<{ faces: number; analyses: number }> {
  const now = deps.clock.now();
  let faces = 0;
  for (;;) {
    const expired = await deps.users.withFaceExpiredBefore(now, BATCH);
    for (const userId of expired) {
      faces += await deps.faces.deleteUser(userId);
      await deps.users.setFaceExpiry(userId, null, now);
    }
    if (expired.length < BATCH) break;
  }
  if ('deleteExpired' in deps.faces) faces += await deps.faces.deleteExpired(now);
  const analyses = await deps.analyses.deleteExpired(now);
  return { faces, analyses };
}
