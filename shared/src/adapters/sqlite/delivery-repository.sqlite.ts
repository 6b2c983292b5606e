import {
  type Delivery,
  type DeliveryChannel,
  type DeliveryRepository,
  type FinalState,
} from '../../ports/delivery-repository.port';
import { deliveryRecord, newDelivery, type ScheduleInput } from '../records/notifications';
import { parsedOrNull } from '../records/stored';
import { ms, type SqliteDatabase } from './database';
import { columns, insertInto, row } from './rows';

const toDelivery = (row: unknown): Delivery => deliveryRecord.parse(row);

/** The delivery log in SQLite: claims are IMMEDIATE transactions, so two dispatchers never claim one row. */
export class SqliteDeliveryRepository implements DeliveryRepository {
  private readonly q;

  constructor(private readonly db: SqliteDatabase) {
    const select = `SELECT ${columns(deliveryRecord)} FROM notification_deliveries`;
    const mine = "id = ? AND attempts = ? AND state = 'sending'";
    this.q = {
      insert: db.prepare(
        `${insertInto('notification_deliveries', deliveryRecord)} ON CONFLICT (id) DO NOTHING`,
      ),
      byId: db.prepare(`${select} WHERE id = ?`),
      due: db.prepare(
        `${select} WHERE (state = 'pending' AND due_at <= ?) OR (state = 'sending' AND lease_expires_at <= ?)
          ORDER BY due_at, id LIMIT ?`,
      ),
      claim: db.prepare(
        "UPDATE notification_deliveries SET state = 'sending', attempts = attempts + 1, lease_expires_at = ? WHERE id = ?",
      ),
      settle: db.prepare(
        `UPDATE notification_deliveries SET state = ?, last_error = ?, settled_at = ?, lease_expires_at = NULL WHERE ${mine}`,
      ),
      retry: db.prepare(
        `UPDATE notification_deliveries SET state = 'pending', due_at = ?, last_error = ?, lease_expires_at = NULL WHERE ${mine}`,
      ),
      cancel: db.prepare(
        `UPDATE notification_deliveries SET state = 'cancelled', last_error = ?, settled_at = ?
          WHERE notification_id = ? AND state = 'pending'`,
      ),
      countSent: db
        .prepare(
          `SELECT count(*) FROM notification_deliveries
            WHERE recipient_visitor_id = ? AND channel = ? AND state = 'sent' AND settled_at >= ?`,
        )
        .pluck(),
      byNotification: db.prepare(`${select} WHERE notification_id = ? ORDER BY created_at, id`),
    };
  }

  async schedule(input: ScheduleInput) {
    const delivery = newDelivery(input);
    const { changes } = this.q.insert.run(row(delivery));
    return {
      outcome: changes === 1 ? ('created' as const) : ('exists' as const),
      delivery: toDelivery(this.q.byId.get(delivery.id)),
    };
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<Delivery[]> {
    return this.db
      .transaction(() => {
        const rows = this.q.due.all(ms(now), ms(now), limit).map(toDelivery);
        const until = new Date(now.getTime() + leaseMs);
        for (const row of rows) this.q.claim.run(ms(until), row.id);
        return rows.map((row) => ({
          ...row,
          state: 'sending' as const,
          attempts: row.attempts + 1,
          leaseExpiresAt: until,
        }));
      })
      .immediate();
  }

  async settle(
    id: string,
    attempt: number,
    state: FinalState,
    reason: string | null,
    now: Date,
  ): Promise<boolean> {
    return this.q.settle.run(state, reason, ms(now), id, attempt).changes === 1;
  }

  async retryAt(id: string, attempt: number, dueAt: Date, reason: string, _now: Date): Promise<boolean> {
    return this.q.retry.run(ms(dueAt), reason, id, attempt).changes === 1;
  }

  async cancelPending(notificationId: string, reason: string, now: Date): Promise<number> {
    return this.q.cancel.run(reason, ms(now), notificationId).changes;
  }

  async countSent(recipientVisitorId: string, channel: DeliveryChannel, since: Date): Promise<number> {
    return this.q.countSent.get(recipientVisitorId, channel, ms(since)) as number;
  }

  async get(id: string): Promise<Delivery | null> {
    return parsedOrNull(deliveryRecord, this.q.byId.get(id));
  }

  async listForNotification(notificationId: string): Promise<Delivery[]> {
    return this.q.byNotification.all(notificationId).map(toDelivery);
  }
}
