import type { Express } from 'express';
import express from 'express';
import { ensureTopology } from '@photo/shared/adapters/gcp/pubsub-topology';
import type { CloudAdapters } from '@photo/shared/composition/cloud';
import { SUBSCRIPTIONS } from '@photo/shared/events/topology';
import { PUSH_PATH } from '@photo/shared/http/pubsub-push.routes';

/** Push deliveries in flight and the time of the last one, so tests can wait for quiet. */
export interface PushActivity {
  inFlight: number;
  lastAt: number;
}

/** A service's app with its push deliveries counted. */
export function trackPushes(app: Express, activity: PushActivity): Express {
  const outer = express();
  outer.use(PUSH_PATH, (_req, res, next) => {
    activity.inFlight++;
    res.once('close', () => {
      activity.inFlight--;
      activity.lastAt = Date.now();
    });
    next();
  });
  outer.use(app);
  return outer;
}

/**
 * Cloud mode: the Pub/Sub topology pointed at each service's own app, which serves the push endpoint it has on
 * Cloud Run. The emulator sends no OIDC token, so push authentication is off here, explicitly.
 */
export async function pointSubscriptions(cloud: CloudAdapters, urls: Record<string, string>): Promise<void> {
  await ensureTopology(
    cloud.pubsub,
    SUBSCRIPTIONS.filter((s) => urls[s.service]),
    urls,
    { pushAuth: null },
  );
}
