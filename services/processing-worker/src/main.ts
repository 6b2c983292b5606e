import { cloudWorkerEnv, requirePushAuth } from '@photo/shared/config/cloud-env';
import { parseConfig } from '@photo/shared/config/parse-config';
import { cloudHost, serveComposed } from '@photo/shared/composition/cloud-service';
import { composeProcessingWorker, processingWorkerEnv } from './compose';

/** The processing worker on Cloud Run: Pub/Sub pushes processing.requested and image.clustered here. */
const e = parseConfig(requirePushAuth(cloudWorkerEnv.extend(processingWorkerEnv.shape)), process.env);
const cloud = cloudHost('processing-worker', e);
await serveComposed('processing worker', e, cloud, composeProcessingWorker(e, cloud.host));
