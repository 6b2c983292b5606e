import { z } from 'zod';
import { imageVariantSchema } from '../../domain/image';
import type {
  ConsumeResult,
  OneTimeGrant,
  OneTimeTokenRepository,
} from '../../ports/one-time-token-repository.port';
import { date, ms, type SqliteDatabase } from './database';
import { groupCommitOf, type GroupCommit } from './group-commit';

/** The aliases map columns to the domain's names; the schema checks each row and turns ms into Dates. */
const COLUMNS = `token_hash AS tokenHash, image_id AS imageId, version, variant, created_at AS createdAt,
  expires_at AS expiresAt, used_at AS usedAt`;

const instant = z.number().int().transform(date);

const tokenRow = z.object({
  tokenHash: z.string(),
  imageId: z.string(),
  version: z.number().int(),
  variant: imageVariantSchema,
  createdAt: instant,
  expiresAt: instant,
  usedAt: instant.nullable(),
});

/** The answer for a token as it stands at `now`; a used token stays 'used' once it has also expired. */
function answer(row: unknown, now: Date): ConsumeResult {
  if (row === undefined) return { outcome: 'unknown' };
  const { usedAt, ...grant } = tokenRow.parse(row);
  if (usedAt !== null) return { outcome: 'used' };
  if (grant.expiresAt.getTime() <= now.getTime()) return { outcome: 'expired' };
  return { outcome: 'granted', grant };
}

export class SqliteOneTimeTokenRepository implements OneTimeTokenRepository {
  private readonly q;
  /** Every phone's image costs an issue and a redeem: concurrent ones share their commits. */
  private readonly commits: GroupCommit;

  constructor(db: SqliteDatabase) {
    this.commits = groupCommitOf(db);
    this.q = {
      insert: db.prepare(
        `INSERT INTO one_time_tokens (token_hash, image_id, version, variant, created_at, expires_at)
         VALUES (@tokenHash, @imageId, @version, @variant, @createdAt, @expiresAt)`,
      ),
      /*
       * One statement decides: of concurrent consumers (threads, processes) only one sees its UPDATE change the
       * row. RETURNING hands back the grant from that same statement, so there is no window between check and use.
       */
      consume: db.prepare(
        `UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
         RETURNING ${COLUMNS}`,
      ),
      find: db.prepare(`SELECT ${COLUMNS} FROM one_time_tokens WHERE token_hash = ?`),
      deleteExpired: db.prepare('DELETE FROM one_time_tokens WHERE expires_at < ?'),
    };
  }

  async create(grant: OneTimeGrant): Promise<void> {
    const row = { ...grant, createdAt: ms(grant.createdAt), expiresAt: ms(grant.expiresAt) };
    await this.commits.run(() => this.q.insert.run(row));
  }

  async consume(tokenHash: string, now: Date): Promise<ConsumeResult> {
    // Still one statement per consumer, whichever transaction it shares: only one ever sees the row unused.
    const granted = await this.commits.run(() => this.q.consume.get(ms(now), tokenHash, ms(now)));
    if (granted !== undefined) {
      const { usedAt: _, ...grant } = tokenRow.parse(granted);
      return { outcome: 'granted', grant };
    }
    return answer(this.q.find.get(tokenHash), now);
  }

  async peek(tokenHash: string, now: Date): Promise<ConsumeResult> {
    return answer(this.q.find.get(tokenHash), now);
  }

  async deleteExpired(before: Date): Promise<number> {
    return this.q.deleteExpired.run(ms(before)).changes;
  }
}
