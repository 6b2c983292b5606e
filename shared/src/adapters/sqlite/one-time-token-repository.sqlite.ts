import type {
  ConsumeResult,
  OneTimeGrant,
  OneTimeTokenRepository,
} from '../../ports/one-time-token-repository.port';
import { consumeAnswer, oneTimeTokenRecord } from '../records/images';
import { ms, type SqliteDatabase } from './database';
import { groupCommitOf, type GroupCommit } from './group-commit';

/** The aliases map columns to the record's names. */
const COLUMNS = `token_hash AS tokenHash, image_id AS imageId, version, variant, created_at AS createdAt,
  expires_at AS expiresAt, used_at AS usedAt`;

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
      const { usedAt: _, ...grant } = oneTimeTokenRecord.parse(granted);
      return { outcome: 'granted', grant };
    }
    return consumeAnswer(this.q.find.get(tokenHash), now);
  }

  async peek(tokenHash: string, now: Date): Promise<ConsumeResult> {
    return consumeAnswer(this.q.find.get(tokenHash), now);
  }

  async deleteExpired(before: Date): Promise<number> {
    return this.q.deleteExpired.run(ms(before)).changes;
  }
}
