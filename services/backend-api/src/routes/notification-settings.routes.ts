import type { Router } from 'express';
import { z } from 'zod';
import { errors } from '@photo/shared/errors/errors';
import type { Authenticator } from '../auth/authenticator';
import {
  preferencesView,
  pushSubscriptionView,
  removedView,
  toPreferencesView,
} from '../http/notification-views';
import { backendRouter, defineRoute, noCache } from '../http/route';
import {
  addPushSubscription,
  getPreferences,
  putPreferences,
  type SettingsDeps,
} from '../use-cases/notification-settings';
import {
  isAllowedPushEndpoint,
  NOTIFICATION_TAGS as TAGS,
  preferencesInput,
  pushSubscriptionDeleteQuery,
  pushSubscriptionInput,
} from './notification-schemas';

const getVapidPublicKey = defineRoute({
  method: 'get',
  path: '/push/vapid-public-key',
  operationId: 'getVapidPublicKey',
  tags: TAGS,
  summary: 'The key to subscribe to Web Push with',
  description: "Pass it as `applicationServerKey` to the browser's `pushManager.subscribe()`.",
  access: 'public',
  responses: {
    200: { description: 'The VAPID public key (base64url).', body: z.object({ publicKey: z.string() }) },
  },
  errors: [[errors.unavailable, 'Web Push is not configured.']],
});

const addMyPushSubscription = defineRoute({
  method: 'post',
  path: '/me/push-subscriptions',
  operationId: 'addMyPushSubscription',
  tags: TAGS,
  summary: 'Register this device for Web Push',
  description:
    "The browser's `PushSubscription.toJSON()`. The endpoint must be https. Registering it again replaces it.",
  access: 'participant',
  request: { body: pushSubscriptionInput },
  responses: { 201: { description: 'Registered.', body: pushSubscriptionView } },
});

const removeMyPushSubscriptions = defineRoute({
  method: 'delete',
  path: '/me/push-subscriptions',
  operationId: 'removeMyPushSubscriptions',
  tags: TAGS,
  summary: 'Unregister one device (`endpoint`), or all of mine',
  access: 'participant',
  request: { query: pushSubscriptionDeleteQuery },
  responses: { 200: { description: 'How many were removed.', body: removedView } },
});

const getMyNotificationPreferences = defineRoute({
  method: 'get',
  path: '/me/notification-preferences',
  operationId: 'getMyNotificationPreferences',
  tags: TAGS,
  summary: 'Where my notifications go',
  description: 'Until saved: push on, e-mail and SMS off, no quiet hours, UTC.',
  access: 'participant',
  responses: { 200: { description: 'The preferences.', body: preferencesView } },
});

const putMyNotificationPreferences = defineRoute({
  method: 'put',
  path: '/me/notification-preferences',
  operationId: 'putMyNotificationPreferences',
  tags: TAGS,
  summary: 'Replace where my notifications go',
  description: `Channels on or off, the e-mail address (null: the one registered) and phone (E.164) to use, and quiet hours
(\`HH:MM\` to \`HH:MM\` in \`timeZone\`, may span midnight) during which push and SMS wait. In-app is always on.`,
  access: 'participant',
  request: { body: preferencesInput },
  responses: { 200: { description: 'Saved.', body: preferencesView } },
});

export const notificationSettingsContracts = [
  getVapidPublicKey,
  addMyPushSubscription,
  removeMyPushSubscriptions,
  getMyNotificationPreferences,
  putMyNotificationPreferences,
];

/** Where the participant's notifications go: Web Push subscriptions of their devices, and their preferences. */
export function notificationSettingsRoutes(
  deps: SettingsDeps & {
    auth: Authenticator;
    allowLoopbackPushEndpoints: boolean;
    vapidPublicKey: string | null;
  },
): Router {
  return backendRouter(deps, (route) => {
    /** The app passes this as applicationServerKey to pushManager.subscribe(). */
    route(getVapidPublicKey, () => {
      if (!deps.vapidPublicKey) throw errors.unavailable('Web Push is not configured.');
      const headers = { 'Cache-Control': 'public, max-age=3600' };
      return Promise.resolve({ status: 200, body: { publicKey: deps.vapidPublicKey }, headers });
    });

    route(addMyPushSubscription, async ({ caller, body }) => {
      if (!isAllowedPushEndpoint(body.endpoint, deps.allowLoopbackPushEndpoints))
        throw errors.invalidRequest([{ path: 'endpoint', message: 'must be an https URL' }]);
      const record = await addPushSubscription(deps, caller.visitorId, body);
      return { status: 201, body: { endpoint: record.endpoint, createdAt: record.createdAt.toISOString() } };
    });

    route(removeMyPushSubscriptions, async ({ caller, query }) => ({
      status: 200,
      body: {
        removed: await deps.settings.removePushSubscriptions(caller.visitorId, query.endpoint ?? null),
      },
    }));

    route(getMyNotificationPreferences, async ({ caller }) => ({
      status: 200,
      body: toPreferencesView(await getPreferences(deps, caller.visitorId)),
      headers: noCache,
    }));

    route(putMyNotificationPreferences, async ({ caller, body }) => ({
      status: 200,
      body: toPreferencesView(await putPreferences(deps, caller.visitorId, body)),
    }));
  });
}
