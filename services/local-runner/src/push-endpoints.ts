import type { Express } from 'express';
import express from 'express';
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
