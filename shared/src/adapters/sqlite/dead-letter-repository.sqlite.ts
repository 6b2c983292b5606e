import { z } from 'zod';
import type { Page, PageRequest } from '../../ports/common';
import type { DeadLetter, DeadLetterRepository } from '../../ports/dead-letter-repository.port';
import { date, ms, type SqliteDatabase } from './database';
import { decodeCursor, toPage } from './pagination';

/** The aliases map columns to the domain's names; the schema checks each row and decodes dates and attributes. */
const COLUMNS = `id, subscription, topic, message_id AS messageId, data, attributes, ordering_key AS orderingKey, reason,
  attempts, kind, dead_lettered_at AS deadLetteredAt, replayed_at AS replayedAt`;

const instant = z.number().int().transform(date);

const deadLetterRow: z.ZodType<DeadLetter> = z.object({
  id: z.string(),
  subscription: z.string(),
  topic: z.string(),
  messageId: z.string(),
  data: z.instanceof(Buffer),
  attributes: z
    .string()
    .transform((json) => JSON.parse(json) as unknown)
    .pipe(z.record(z.string(), z.string())),
  orderingKey: z.string().nullable(),
  reason: z.string(),
  attempts: z.number().int(),
  kind: z.enum(['exhausted', 'rejected']),
  deadLetteredAt: instant,
  replayedAt: instant.nullable(),
});

const toDeadLetter = (row: unknown): DeadLetter => deadLetterRow.parse(row);

export class SqliteDeadLetterRepository implements DeadLetterRepository {
  private readonly q;

  constructor(db: SqliteDatabase) {
    const select = `SELECT ${COLUMNS} FROM dead_letters`;
    const newestFirst = 'ORDER BY dead_lettered_at DESC, id DESC LIMIT ?';
    this.q = {
      // Only a repeat of (subscription, message_id) is absorbed; a clash on id still fails loudly.
      insert: db.prepare(
        `INSERT INTO dead_letters (id, subscription, topic, message_id, data, attributes, ordering_key, reason,
           attempts, kind, dead_lettered_at, replayed_at)
         VALUES (@id, @subscription, @topic, @messageId, @data, @attributes, @orderingKey, @reason, @attempts, @kind,
           @deadLetteredAt, @replayedAt)
         ON CONFLICT (subscription, message_id) DO NOTHING`,
      ),
      byMessage: db.prepare(`${select} WHERE subscription = ? AND message_id = ?`),
      byId: db.prepare(`${select} WHERE id = ?`),
      firstPage: db.prepare(`${select} ${newestFirst}`),
      pageAfter: db.prepare(`${select} WHERE (dead_lettered_at, id) < (?, ?) ${newestFirst}`),
      markReplayed: db.prepare('UPDATE dead_letters SET replayed_at = ? WHERE id = ?'),
      waiting: db.prepare('SELECT COUNT(*) FROM dead_letters WHERE replayed_at IS NULL').pluck(),
    };
  }

  /** A repeat (the bus redelivering the dead-letter message) returns the letter recorded first, unchanged. */
  async record(letter: DeadLetter): Promise<DeadLetter> {
    this.q.insert.run({
      ...letter,
      attributes: JSON.stringify(letter.attributes),
      deadLetteredAt: ms(letter.deadLetteredAt),
      replayedAt: letter.replayedAt === null ? null : ms(letter.replayedAt),
    });
    return toDeadLetter(this.q.byMessage.get(letter.subscription, letter.messageId));
  }

  async get(id: string): Promise<DeadLetter | null> {
    const row = this.q.byId.get(id);
    return row === undefined ? null : toDeadLetter(row);
  }

  async list(page: PageRequest): Promise<Page<DeadLetter>> {
    const after = decodeCursor(page.after);
    const rows = after
      ? this.q.pageAfter.all(after.at, after.id, page.limit + 1)
      : this.q.firstPage.all(page.limit + 1);
    return toPage(rows.map(toDeadLetter), page.limit, (l) => ({ at: ms(l.deadLetteredAt), id: l.id }));
  }

  /** Unknown ids are ignored; a second replay moves replayedAt to the latest one. */
  async markReplayed(id: string, at: Date): Promise<void> {
    this.q.markReplayed.run(ms(at), id);
  }

  async countWaiting(): Promise<number> {
    return this.q.waiting.get() as number;
  }
}
