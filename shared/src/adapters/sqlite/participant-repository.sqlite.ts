import type { Participant } from '../../domain/participant';
import type { Page, PageRequest } from '../../ports/common';
import type {
  CreateParticipantsResult,
  NewParticipant,
  ParticipantOrder,
  ParticipantRepository,
  RetiredToken,
  TokenRetirement,
} from '../../ports/participant-repository.port';
import { participantRecord, retiredTokenRecord } from '../records/operations';
import { parsedOrNull } from '../records/stored';
import { ms, type SqliteDatabase } from './database';
import { decodeCursor, toPage } from '../records/keyset-page';
import { columns, insertInto, row } from './rows';

const toParticipant = (row: unknown): Participant => participantRecord.parse(row);
const orNull = (row: unknown): Participant | null => parsedOrNull(participantRecord, row);

export class SqliteParticipantRepository implements ParticipantRepository {
  private readonly q;

  constructor(private readonly db: SqliteDatabase) {
    const select = `SELECT ${columns(participantRecord)} FROM participants`;
    const newestFirst = 'ORDER BY created_at DESC, visitor_id DESC LIMIT ?';
    const oldestFirst = 'ORDER BY created_at ASC, visitor_id ASC LIMIT ?';
    this.q = {
      insert: db.prepare(insertInto('participants', [...Object.keys(participantRecord.shape), 'tokenHash'])),
      byId: db.prepare(`${select} WHERE visitor_id = ?`),
      count: db.prepare('SELECT COUNT(*) FROM participants').pluck(),
      byTokenHash: db.prepare(`${select} WHERE token_hash = ?`),
      byExternalRef: db.prepare(`${select} WHERE external_ref = ?`),
      tokenOf: db.prepare('SELECT token_hash FROM participants WHERE visitor_id = ?').pluck(),
      setToken: db.prepare('UPDATE participants SET token_hash = ? WHERE visitor_id = ?'),
      retire: db.prepare(
        `INSERT OR REPLACE INTO retired_participant_tokens (token_hash, visitor_id, reason, retired_at)
         VALUES (?, ?, ?, ?)`,
      ),
      retired: db.prepare(
        `SELECT ${columns(retiredTokenRecord)} FROM retired_participant_tokens WHERE token_hash = ?`,
      ),
      firstPage: db.prepare(`${select} ${newestFirst}`),
      pageAfter: db.prepare(`${select} WHERE (created_at, visitor_id) < (?, ?) ${newestFirst}`),
      oldestFirstPage: db.prepare(`${select} ${oldestFirst}`),
      oldestPageAfter: db.prepare(`${select} WHERE (created_at, visitor_id) > (?, ?) ${oldestFirst}`),
    };
  }

  async createMany(participants: NewParticipant[]): Promise<CreateParticipantsResult> {
    // Immediate: the externalRef lookups and the inserts see one state, even with another process writing.
    return this.db
      .transaction(() => {
        const result: CreateParticipantsResult = { created: [], existing: [] };
        for (const p of participants) {
          // Also finds a duplicate from earlier in this same batch: it was inserted a few rows above.
          const stored = p.externalRef === null ? undefined : this.q.byExternalRef.get(p.externalRef);
          if (stored !== undefined) {
            result.existing.push(toParticipant(stored));
            continue;
          }
          this.q.insert.run(row(p));
          const { tokenHash: _, ...participant } = p;
          result.created.push(participant);
        }
        return result;
      })
      .immediate();
  }

  async findById(visitorId: string): Promise<Participant | null> {
    return orNull(this.q.byId.get(visitorId));
  }

  async findByTokenHash(tokenHash: string): Promise<Participant | null> {
    return orNull(this.q.byTokenHash.get(tokenHash));
  }

  async replaceToken(
    visitorId: string,
    tokenHash: string,
    reason: TokenRetirement,
    now: Date,
  ): Promise<boolean> {
    return this.db
      .transaction(() => {
        const old = this.q.tokenOf.get(visitorId);
        if (typeof old !== 'string') return false;
        this.q.setToken.run(tokenHash, visitorId);
        this.q.retire.run(old, visitorId, reason, ms(now));
        return true;
      })
      .immediate();
  }

  async findRetiredToken(tokenHash: string): Promise<RetiredToken | null> {
    return parsedOrNull(retiredTokenRecord, this.q.retired.get(tokenHash));
  }

  async list(page: PageRequest & { order?: ParticipantOrder }): Promise<Page<Participant>> {
    const after = decodeCursor(page.after);
    const [first, next] =
      page.order === 'oldest'
        ? [this.q.oldestFirstPage, this.q.oldestPageAfter]
        : [this.q.firstPage, this.q.pageAfter];
    const rows = after ? next.all(after.at, after.id, page.limit + 1) : first.all(page.limit + 1);
    return toPage(rows.map(toParticipant), page.limit, (p) => ({ at: ms(p.createdAt), id: p.visitorId }));
  }

  async count(): Promise<number> {
    return this.q.count.get() as number;
  }
}
