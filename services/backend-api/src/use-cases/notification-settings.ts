import {
  defaultPreferences,
  type NotificationPreferences,
  type PushSubscriptionRecord,
} from '@photo/shared/domain/notification';
import type { NotificationSettingsRepository } from '@photo/shared/ports/notification-settings.port';

export interface SettingsDeps {
  settings: NotificationSettingsRepository;
  clock: { now(): Date };
}

export type PreferencesInput = Omit<NotificationPreferences, 'visitorId' | 'updatedAt'>;

/** The participant's preferences, or the defaults until they save some. */
export async function getPreferences(
  deps: SettingsDeps,
  visitorId: string,
): Promise<NotificationPreferences> {
  return (await deps.settings.getPreferences(visitorId)) ?? defaultPreferences(visitorId, deps.clock.now());
}

/** Replaces the preferences as a whole (PUT). */
export async function putPreferences(
  deps: SettingsDeps,
  visitorId: string,
  input: PreferencesInput,
): Promise<NotificationPreferences> {
  const preferences: NotificationPreferences = { ...input, visitorId, updatedAt: deps.clock.now() };
  await deps.settings.putPreferences(preferences);
  return preferences;
}

/** Registers the browser's PushSubscription for this participant (again is fine: it replaces the keys). */
export async function addPushSubscription(
  deps: SettingsDeps,
  visitorId: string,
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } },
): Promise<PushSubscriptionRecord> {
  const record: PushSubscriptionRecord = {
    visitorId,
    endpoint: subscription.endpoint,
    keys: subscription.keys,
    createdAt: deps.clock.now(),
  };
  await deps.settings.savePushSubscription(record);
  return record;
}
