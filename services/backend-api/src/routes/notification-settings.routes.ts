import { Router } from 'express';
import { errors } from '@photo/shared/errors/errors';
import { jsonBody, parse } from '@photo/shared/http/validate';
import type { Authenticator } from '../auth/authenticator';
import { toPreferencesView } from '../http/notification-views';
import {
  addPushSubscription,
  getPreferences,
  putPreferences,
  type SettingsDeps,
} from '../use-cases/notification-settings';
import { preferencesInput, pushSubscriptionDeleteQuery, pushSubscriptionInput } from './notification-schemas';

/** Where the participant's notifications go: Web Push subscriptions of their devices, and their preferences. */
export function notificationSettingsRoutes(
  deps: SettingsDeps & {
    auth: Authenticator;
    allowLoopbackPushEndpoints: boolean;
    vapidPublicKey: string | null;
  },
): Router {
  const router = Router();
  const { auth } = deps;
  const subscriptionInput = pushSubscriptionInput(deps.allowLoopbackPushEndpoints);

  /** The app passes this as applicationServerKey to pushManager.subscribe(). */
  router.get('/push/vapid-public-key', (_req, res) => {
    if (!deps.vapidPublicKey) throw errors.unavailable('Web Push is not configured.');
    res.set('Cache-Control', 'public, max-age=3600').json({ publicKey: deps.vapidPublicKey });
  });

  router.post('/me/push-subscriptions', async (req, res) => {
    const { visitorId } = await auth.participant(req, res);
    const record = await addPushSubscription(deps, visitorId, jsonBody(req, subscriptionInput));
    res.status(201).json({ endpoint: record.endpoint, createdAt: record.createdAt.toISOString() });
  });

  router.delete('/me/push-subscriptions', async (req, res) => {
    const { visitorId } = await auth.participant(req, res);
    const { endpoint } = parse(pushSubscriptionDeleteQuery, req.query);
    res.json({ removed: await deps.settings.removePushSubscriptions(visitorId, endpoint ?? null) });
  });

  router.get('/me/notification-preferences', async (req, res) => {
    const { visitorId } = await auth.participant(req, res);
    res
      .set('Cache-Control', 'private, no-cache')
      .json(toPreferencesView(await getPreferences(deps, visitorId)));
  });

  router.put('/me/notification-preferences', async (req, res) => {
    const { visitorId } = await auth.participant(req, res);
    res.json(toPreferencesView(await putPreferences(deps, visitorId, jsonBody(req, preferencesInput))));
  });

  return router;
}
