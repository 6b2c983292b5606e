import type { FaceAnalysis } from '../../domain/gallery';
import type { FaceAnalysisRepository } from '../../ports/face-analysis-repository.port';
import { faceAnalysisRecord } from '../records/gallery';
import { parsedOrNull } from '../records/stored';
import { ms, type SqliteDatabase } from './database';
import { descriptorToBlob } from '../records/descriptor-blob';
import { columns, insertInto, row } from './rows';

export class SqliteFaceAnalysisRepository implements FaceAnalysisRepository {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      insert: db.prepare(insertInto('face_analyses', faceAnalysisRecord)),
      get: db.prepare(
        `SELECT ${columns(faceAnalysisRecord)} FROM face_analyses WHERE analysis_id = ? AND expires_at > ?`,
      ),
      markUsed: db.prepare(
        'UPDATE face_analyses SET used_by_user_id = ?, descriptor = NULL WHERE analysis_id = ?',
      ),
      deleteForUser: db.prepare('DELETE FROM face_analyses WHERE matched_user_id = ? OR used_by_user_id = ?'),
      deleteExpired: db.prepare('DELETE FROM face_analyses WHERE expires_at < ?'),
    };
  }

  async save(analysis: FaceAnalysis): Promise<void> {
    const { descriptor } = analysis;
    this.q.insert.run(row({ ...analysis, descriptor: descriptor && descriptorToBlob(descriptor) }));
  }

  async get(analysisId: string, now: Date): Promise<FaceAnalysis | null> {
    return parsedOrNull(faceAnalysisRecord, this.q.get.get(analysisId, ms(now)));
  }

  async markUsed(analysisId: string, userId: string): Promise<boolean> {
    return this.q.markUsed.run(userId, analysisId).changes === 1;
  }

  async deleteForUser(userId: string): Promise<number> {
    return this.q.deleteForUser.run(userId, userId).changes;
  }

  async deleteExpired(before: Date): Promise<number> {
    return this.q.deleteExpired.run(ms(before)).changes;
  }
}
