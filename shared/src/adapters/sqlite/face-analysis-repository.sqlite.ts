import { z } from 'zod';
import { expressionSchema, type FaceAnalysis } from '../../domain/gallery';
import type { FaceAnalysisRepository } from '../../ports/face-analysis-repository.port';
import { date, ms, type SqliteDatabase } from './database';
import { blobToDescriptor, descriptorToBlob } from './descriptor-blob';

const box = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

const analysisRow = z
  .object({
    analysisId: z.string(),
    expression: expressionSchema,
    confidence: z.number(),
    box: z.string().transform((s) => box.parse(JSON.parse(s))),
    descriptor: z
      .instanceof(Buffer)
      .nullable()
      .transform((b) => (b === null ? null : blobToDescriptor(b))),
    matchedUserId: z.string().nullable(),
    usedByUserId: z.string().nullable(),
    createdAt: z.number().int().transform(date),
    expiresAt: z.number().int().transform(date),
  })
  .transform((row): FaceAnalysis => row);

export class SqliteFaceAnalysisRepository implements FaceAnalysisRepository {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      insert: db.prepare(
        `INSERT INTO face_analyses (analysis_id, expression, confidence, box, descriptor, matched_user_id,
           used_by_user_id, created_at, expires_at)
         VALUES (@analysisId, @expression, @confidence, @box, @descriptor, @matchedUserId, @usedByUserId, @createdAt,
           @expiresAt)`,
      ),
      get: db.prepare(
        `SELECT analysis_id AS analysisId, expression, confidence, box, descriptor, matched_user_id AS matchedUserId,
           used_by_user_id AS usedByUserId, created_at AS createdAt, expires_at AS expiresAt
         FROM face_analyses WHERE analysis_id = ? AND expires_at > ?`,
      ),
      markUsed: db.prepare(
        'UPDATE face_analyses SET used_by_user_id = ?, descriptor = NULL WHERE analysis_id = ?',
      ),
      deleteForUser: db.prepare('DELETE FROM face_analyses WHERE matched_user_id = ? OR used_by_user_id = ?'),
      deleteExpired: db.prepare('DELETE FROM face_analyses WHERE expires_at < ?'),
    };
  }

  async save(analysis: FaceAnalysis): Promise<void> {
    this.q.insert.run({
      ...analysis,
      box: JSON.stringify(analysis.box),
      descriptor: analysis.descriptor === null ? null : descriptorToBlob(analysis.descriptor),
      createdAt: ms(analysis.createdAt),
      expiresAt: ms(analysis.expiresAt),
    });
  }

  async get(analysisId: string, now: Date): Promise<FaceAnalysis | null> {
    const row = this.q.get.get(analysisId, ms(now));
    return row ? analysisRow.parse(row) : null;
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
