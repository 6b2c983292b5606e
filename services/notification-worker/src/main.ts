import { cloudEnvSchema, requirePushAuth } from '@photo/shared/config/cloud-env';
import { parseConfig } from '@photo/shared/config/parse-config';
import { cloudHost, serveComposed } from '@photo/shared/composition/cloud-service';
import { notificationWorkerConfigSchema } from './config';
import { composeNotificationWorker } from './compose';

/**
 * The notification worker on Cloud Run: Pub/Sub pushes the activity subscription (source = likes) here, and Cloud
 * Scheduler calls POST /tasks/dispatch every minute, which also sweeps the outbox (rows a backend instance committed
 * but never published, e.g. it was stopped between the commit and the publish).
 */
const e = parseConfig(
  requirePushAuth(notificationWorkerConfigSchema.extend(cloudEnvSchema.shape)),
  process.env,
);
const cloud = cloudHost('notification-worker', e);
await serveComposed('notification worker', e, cloud, composeNotificationWorker(e, cloud.host));
