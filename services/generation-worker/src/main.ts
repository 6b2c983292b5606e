import { cloudWorkerEnv, requirePushAuth } from '@photo/shared/config/cloud-env';
import { parseConfig } from '@photo/shared/config/parse-config';
import { cloudHost, serveComposed } from '@photo/shared/composition/cloud-service';
import { composeGenerationWorker, generationWorkerEnv } from './compose';

/** The generation worker on Cloud Run: Pub/Sub pushes generation.requested and image.clustered here. */
const e = parseConfig(requirePushAuth(cloudWorkerEnv.extend(generationWorkerEnv.shape)), process.env);
const cloud = cloudHost('generation-worker', e);
await serveComposed('generation worker', e, cloud, composeGenerationWorker(e, cloud.host));
