import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import type { NotificationPreferences, PushSubscriptionRecord } from '../../domain/notification';
import type { NotificationSettingsRepository } from '../../ports/notification-settings.port';
import { preferencesRecord, pushSubscriptionRecord } from '../records/notifications';
import { parsedOrNull } from '../records/stored';
import { collectionName, hashedId, writeInBatches, type FirestoreAdapterOptions } from './documents';

const byAge = (a: PushSubscriptionRecord, b: PushSubscriptionRecord) =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.endpoint.localeCompare(b.endpoint);

/**
 * notificationPreferences/{visitorId}, and pushSubscriptions/{sha256(endpoint)}: an endpoint is a URL (it has '/'),
 * and belongs to one participant at a time.
 */
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
    return parsedOrNull(preferencesRecord, (await this.preferences.doc(visitorId).get()).data());
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
    return docs.map((doc) => pushSubscriptionRecord.parse(doc.data())).sort(byAge);
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
