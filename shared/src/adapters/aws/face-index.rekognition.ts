import { readFile } from 'node:fs/promises';
import {
  DeleteFacesCommand,
  IndexFacesCommand,
  ListFacesCommand,
  SearchFacesByImageCommand,
  type RekognitionClient,
} from '@aws-sdk/client-rekognition';
import type { FaceMatch, FaceProbe, FaceIndex } from '../../ports/face-index.port';
import { awsErrorName, dependencyError } from './aws-errors';

export interface RekognitionFaceIndexOptions {
  collectionId: string;
  /** Rekognition's similarity in percent (FaceMatchThreshold); distance is reported as 1 − similarity / 100. */
  minSimilarity: number;
}

/** DeleteFaces takes at most 4096 face ids per call. */
const DELETE_BATCH = 4096;

/**
 * The cloud face index: a Rekognition collection. Faces are indexed from the selfie itself (IndexFaces, one face,
 * ExternalImageId = the user id) and searched by image (SearchFacesByImage). Rekognition keeps no expiry, so the
 * gallery's expiry sweep deletes expired users' faces (deleteUser) from the users' recorded face expiry.
 */
export class RekognitionFaceIndex implements FaceIndex {
  readonly needs = 'image' as const;

  constructor(
    private readonly client: RekognitionClient,
    private readonly options: RekognitionFaceIndexOptions,
  ) {}

  async index(entry: { userId: string; probe: FaceProbe; indexedAt: Date; expiresAt: Date }): Promise<void> {
    const bytes = await imageOf(entry.probe);
    try {
      await this.client.send(
        new IndexFacesCommand({
          CollectionId: this.options.collectionId,
          Image: { Bytes: bytes },
          ExternalImageId: entry.userId,
          MaxFaces: 1,
          QualityFilter: 'AUTO',
        }),
      );
    } catch (err) {
      throw dependencyError('Amazon Rekognition', err);
    }
  }

  async search(probe: FaceProbe, _now: Date): Promise<FaceMatch | null> {
    const bytes = await imageOf(probe);
    try {
      const { FaceMatches = [] } = await this.client.send(
        new SearchFacesByImageCommand({
          CollectionId: this.options.collectionId,
          Image: { Bytes: bytes },
          FaceMatchThreshold: this.options.minSimilarity,
          MaxFaces: 1,
        }),
      );
      const best = FaceMatches[0];
      const userId = best?.Face?.ExternalImageId;
      return userId ? { userId, distance: 1 - (best?.Similarity ?? 0) / 100 } : null;
    } catch (err) {
      // Rekognition answers InvalidParameterException when it finds no face to search with.
      if (awsErrorName(err) === 'InvalidParameterException') return null;
      throw dependencyError('Amazon Rekognition', err);
    }
  }

  /** ListFaces has no filter by external id: the collection is paged through (an event's collection is small). */
  async deleteUser(userId: string): Promise<number> {
    try {
      const faceIds: string[] = [];
      let token: string | undefined;
      do {
        const page = await this.client.send(
          new ListFacesCommand({
            CollectionId: this.options.collectionId,
            NextToken: token,
            MaxResults: 4096,
          }),
        );
        for (const face of page.Faces ?? [])
          if (face.ExternalImageId === userId && face.FaceId) faceIds.push(face.FaceId);
        token = page.NextToken;
      } while (token);
      for (let i = 0; i < faceIds.length; i += DELETE_BATCH) {
        await this.client.send(
          new DeleteFacesCommand({
            CollectionId: this.options.collectionId,
            FaceIds: faceIds.slice(i, i + DELETE_BATCH),
          }),
        );
      }
      return faceIds.length;
    } catch (err) {
      throw dependencyError('Amazon Rekognition', err);
    }
  }
}

async function imageOf(probe: FaceProbe): Promise<Buffer> {
  if (probe.imagePath === null)
    throw new Error('the Rekognition face index works on images; the probe has none');
  return readFile(probe.imagePath);
}
