import { euclideanDistance } from '../../domain/gallery';
import type { FaceMatch, FaceProbe, StoredFaceIndex } from '../../ports/face-index.port';
import { requireDescriptor } from '../records/gallery';
import { ms, type SqliteDatabase } from './database';
import { blobToDescriptor, descriptorToBlob } from '../records/descriptor-blob';

/**
 * Consented face descriptors in SQLite, searched exhaustively by Euclidean distance. An event's gallery has
 * thousands of faces at most: a scan of 512-byte rows takes milliseconds there, and needs no vector extension.
 */
export class SqliteFaceIndex implements StoredFaceIndex {
  readonly needs = 'descriptor' as const;
  private readonly q;

  constructor(
    db: SqliteDatabase,
    private readonly threshold: number,
  ) {
    this.q = {
      insert: db.prepare(
        'INSERT INTO face_index (user_id, descriptor, indexed_at, expires_at) VALUES (?, ?, ?, ?)',
      ),
      unexpired: db.prepare('SELECT user_id AS userId, descriptor FROM face_index WHERE expires_at > ?'),
      deleteUser: db.prepare('DELETE FROM face_index WHERE user_id = ?'),
      deleteExpired: db.prepare('DELETE FROM face_index WHERE expires_at < ?'),
      userIds: db.prepare('SELECT DISTINCT user_id FROM face_index ORDER BY user_id').pluck(),
    };
  }

  async index(entry: { userId: string; probe: FaceProbe; indexedAt: Date; expiresAt: Date }): Promise<void> {
    const descriptor = requireDescriptor(entry.probe);
    this.q.insert.run(entry.userId, descriptorToBlob(descriptor), ms(entry.indexedAt), ms(entry.expiresAt));
  }

  async search(probe: FaceProbe, now: Date): Promise<FaceMatch | null> {
    const descriptor = requireDescriptor(probe);
    let best: FaceMatch | null = null;
    for (const row of this.q.unexpired.iterate(ms(now)) as Iterable<{ userId: string; descriptor: Buffer }>) {
      const distance = euclideanDistance(descriptor, blobToDescriptor(row.descriptor));
      if (distance < this.threshold && (best === null || distance < best.distance))
        best = { userId: row.userId, distance };
    }
    return best;
  }

  async deleteUser(userId: string): Promise<number> {
    return this.q.deleteUser.run(userId).changes;
  }

  async deleteExpired(before: Date): Promise<number> {
    return this.q.deleteExpired.run(ms(before)).changes;
  }

  async indexedUserIds(): Promise<string[]> {
    return this.q.userIds.all() as string[];
  }
}
