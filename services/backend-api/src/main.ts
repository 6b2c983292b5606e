import { cloudEnvSchema, requirePushAuth } from '@photo/shared/config/cloud-env';
import { parseConfig } from '@photo/shared/config/parse-config';
import { cloudHost, serveComposed } from '@photo/shared/composition/cloud-service';
import { backendConfigSchema } from './config';
import { composeBackend } from './compose';
import { rateLimitEnv } from './rate-limits';
import { uploadRulesEnv } from './uploads/upload-config';

/** The backend API on Cloud Run: Firestore, Pub/Sub, Auth0, and the image server called with Google ID tokens. */
const e = parseConfig(
  requirePushAuth(
    backendConfigSchema.extend({ ...cloudEnvSchema.shape, ...uploadRulesEnv.shape, ...rateLimitEnv.shape }),
  ),
  process.env,
);
const cloud = cloudHost('backend-api', e);
await serveComposed('backend API', e, cloud, await composeBackend(e, cloud.host));
