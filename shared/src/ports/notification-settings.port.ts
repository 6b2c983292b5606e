import type { NotificationPreferences, PushSubscriptionRecord } from '../domain/notification';

/** Each participant's notification preferences and the Web Push subscriptions their app registered. */
export interface NotificationSettingsRepository {
  /** Null until the participant saves preferences (callers use defaultPreferences). */
  getPreferences(visitorId: string): Promise<NotificationPreferences | null>;
  /** Replaces the participant's preferences. */
  putPreferences(preferences: NotificationPreferences): Promise<void>;
  /** Upsert by endpoint: a browser re-registering an endpoint (even for another participant) moves it. */
  savePushSubscription(subscription: PushSubscriptionRecord): Promise<void>;
  listPushSubscriptions(visitorId: string): Promise<PushSubscriptionRecord[]>;
  /** One endpoint of the participant, or all of them when `endpoint` is null; returns how many were removed. */
  removePushSubscriptions(visitorId: string, endpoint: string | null): Promise<number>;
  /** An endpoint the push service reported gone (404/410), whoever it belonged to. */
  removePushEndpoint(endpoint: string): Promise<void>;
}
