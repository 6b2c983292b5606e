import type { NotificationPreferences, PushSubscriptionRecord } from '../../domain/notification';
import type { NotificationSettingsRepository } from '../../ports/notification-settings.port';
import { preferencesRecord, pushSubscriptionRecord } from '../records/notifications';
import { parsedOrNull } from '../records/stored';
import { ms, type SqliteDatabase } from './database';
import { row } from './rows';

export class SqliteNotificationSettingsRepository implements NotificationSettingsRepository {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      getPreferences: db.prepare(
        `SELECT visitor_id AS visitorId, json_object('push', push, 'email', email, 'sms', sms) AS channels,
           email_to AS email, phone, time_zone AS timeZone, updated_at AS updatedAt,
           iif(quiet_start IS NULL OR quiet_end IS NULL, NULL, json_object('start', quiet_start, 'end', quiet_end))
             AS quietHours
           FROM notification_preferences WHERE visitor_id = ?`,
      ),
      putPreferences: db.prepare(
        `INSERT INTO notification_preferences (visitor_id, push, email, sms, email_to, phone, quiet_start, quiet_end,
           time_zone, updated_at)
         VALUES (@visitorId, @push, @email, @sms, @emailTo, @phone, @quietStart, @quietEnd, @timeZone, @updatedAt)
         ON CONFLICT (visitor_id) DO UPDATE SET push = excluded.push, email = excluded.email, sms = excluded.sms,
           email_to = excluded.email_to, phone = excluded.phone, quiet_start = excluded.quiet_start,
           quiet_end = excluded.quiet_end, time_zone = excluded.time_zone, updated_at = excluded.updated_at`,
      ),
      saveSubscription: db.prepare(
        `INSERT INTO push_subscriptions (endpoint, visitor_id, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (endpoint) DO UPDATE SET visitor_id = excluded.visitor_id, p256dh = excluded.p256dh,
           auth = excluded.auth, created_at = excluded.created_at`,
      ),
      listSubscriptions: db.prepare(
        `SELECT visitor_id AS visitorId, endpoint, json_object('p256dh', p256dh, 'auth', auth) AS keys,
           created_at AS createdAt FROM push_subscriptions WHERE visitor_id = ? ORDER BY created_at, endpoint`,
      ),
      removeOne: db.prepare('DELETE FROM push_subscriptions WHERE visitor_id = ? AND endpoint = ?'),
      removeAll: db.prepare('DELETE FROM push_subscriptions WHERE visitor_id = ?'),
      removeEndpoint: db.prepare('DELETE FROM push_subscriptions WHERE endpoint = ?'),
    };
  }

  async getPreferences(visitorId: string): Promise<NotificationPreferences | null> {
    return parsedOrNull(preferencesRecord, this.q.getPreferences.get(visitorId));
  }

  async putPreferences(p: NotificationPreferences): Promise<void> {
    this.q.putPreferences.run(
      row({
        visitorId: p.visitorId,
        ...p.channels,
        emailTo: p.email,
        phone: p.phone,
        quietStart: p.quietHours?.start ?? null,
        quietEnd: p.quietHours?.end ?? null,
        timeZone: p.timeZone,
        updatedAt: p.updatedAt,
      }),
    );
  }

  async savePushSubscription(s: PushSubscriptionRecord): Promise<void> {
    this.q.saveSubscription.run(s.endpoint, s.visitorId, s.keys.p256dh, s.keys.auth, ms(s.createdAt));
  }

  async listPushSubscriptions(visitorId: string): Promise<PushSubscriptionRecord[]> {
    return this.q.listSubscriptions.all(visitorId).map((row) => pushSubscriptionRecord.parse(row));
  }

  async removePushSubscriptions(visitorId: string, endpoint: string | null): Promise<number> {
    return (endpoint === null ? this.q.removeAll.run(visitorId) : this.q.removeOne.run(visitorId, endpoint))
      .changes;
  }

  async removePushEndpoint(endpoint: string): Promise<void> {
    this.q.removeEndpoint.run(endpoint);
  }
}
