import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import type { NotificationPreferences, PushSubscriptionRecord } from '../../domain/notification';
import type { NotificationSettingsRepository } from '../../ports/notification-settings.port';
import { instant, parsedOrNull } from '../records/stored';
import { collectionName, hashedId, writeInBatches, type FirestoreAdapterOptions } from './documents';

/** notificationPreferences/{visitorId}. */
const preferencesDoc: z.ZodType<NotificationPreferences> = z.object({
  visitorId: z.string(),
  channels: z.object({ push: z.boolean(), email: z.boolean(), sms: z.boolean() }),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  timeZone: z.string(),
  updatedAt: instant,
});

/** pushSubscriptions/{sha256(endpoint)}: an endpoint is a URL (it has '/'), and belongs to one participant at a time. */
const subscriptionDoc: z.ZodType<PushSubscriptionRecord> = z.object({
  visitorId: z.string(),
  endpoint: z.string(),
  keys: z.object({ p256dh: z.string(), auth: z.string() }),
  createdAt: instant,
});

const byAge = (a: PushSubscriptionRecord, b: PushSubscriptionRecord) =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.endpoint.localeCompare(b.endpoint);

export class FirestoreNotificationSettingsRepository implements NotificationSettingsRepository {
  private readonly preferences: CollectionReference;
  private readonly subscriptions: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.preferences = db.collection(collectionName(options, 'notificationPreferences'));
    this.subscriptions = db.collection(collectionName(options, 'pushSubscriptions'));
  }

  async getPreferences(visitorId: string): Promise<NotificationPreferences | null> {
    return parsedOrNull(preferencesDoc, (await this.preferences.doc(visitorId).get()).data());
  }

  async putPreferences(p: NotificationPreferences): Promise<void> {
    await this.preferences.doc(p.visitorId).set(p);
  }

  async savePushSubscription(s: PushSubscriptionRecord): Promise<void> {
    await this.subscriptions.doc(hashedId(s.endpoint)).set(s);
  }

  /** A participant has a few devices: sorted here rather than with a composite index. */
  async listPushSubscriptions(visitorId: string): Promise<PushSubscriptionRecord[]> {
    const { docs } = await this.subscriptions.where('visitorId', '==', visitorId).get();
    return docs.map((doc) => subscriptionDoc.parse(doc.data())).sort(byAge);
  }

  async removePushSubscriptions(visitorId: string, endpoint: string | null): Promise<number> {
    if (endpoint !== null) {
      const ref = this.subscriptions.doc(hashedId(endpoint));
      return this.db.runTransaction(async (tx) => {
        const snapshot = await tx.get(ref);
        if (!snapshot.exists || snapshot.get('visitorId') !== visitorId) return 0;
        tx.delete(ref);
        return 1;
      });
    }
    const { docs } = await this.subscriptions.where('visitorId', '==', visitorId).get();
    return writeInBatches(this.db, docs, (batch, doc) => batch.delete(doc.ref));
  }

  async removePushEndpoint(endpoint: string): Promise<void> {
    await this.subscriptions.doc(hashedId(endpoint)).delete();
  }
}
