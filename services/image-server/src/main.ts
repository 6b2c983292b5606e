import { cloudEnvSchema, requirePushAuth } from '@photo/shared/config/cloud-env';
import { parseConfig } from '@photo/shared/config/parse-config';
import { cloudHost, serveComposed } from '@photo/shared/composition/cloud-service';
import { composeImageServer } from './compose';
import { imageServerConfigSchema, toImageServerConfig } from './config';

/** The image server on Cloud Run: one-time links over Cloud Storage, called by the backend with Google ID tokens. */
const e = parseConfig(requirePushAuth(imageServerConfigSchema.extend(cloudEnvSchema.shape)), process.env);
const cloud = cloudHost('image-server', e);
await serveComposed('image server', e, cloud, composeImageServer(toImageServerConfig(e), cloud.host));
