import type { Page, PageRequest } from '../../ports/common';
import type { DeadLetter, DeadLetterRepository } from '../../ports/dead-letter-repository.port';
import { deadLetterRecord } from '../records/notifications';
import { parsedOrNull } from '../records/stored';
import { ms, type SqliteDatabase } from './database';
import { columns, insertInto, row } from './rows';
import { decodeCursor, toPage } from '../records/keyset-page';

const toDeadLetter = (row: unknown): DeadLetter => deadLetterRecord.parse(row);

export class SqliteDeadLetterRepository implements DeadLetterRepository {
  private readonly q;

  constructor(db: SqliteDatabase) {
    const select = `SELECT ${columns(deadLetterRecord)} FROM dead_letters`;
    const newestFirst = 'ORDER BY dead_lettered_at DESC, id DESC LIMIT ?';
    this.q = {
      // Only a repeat of (subscription, message_id) is absorbed; a clash on id still fails loudly.
      insert: db.prepare(
        `${insertInto('dead_letters', deadLetterRecord)} ON CONFLICT (subscription, message_id) DO NOTHING`,
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
    this.q.insert.run(row(letter));
    return toDeadLetter(this.q.byMessage.get(letter.subscription, letter.messageId));
  }

  async get(id: string): Promise<DeadLetter | null> {
    return parsedOrNull(deadLetterRecord, this.q.byId.get(id));
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
