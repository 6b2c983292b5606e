import { cloudWorkerEnv, requirePushAuth } from '@photo/shared/config/cloud-env';
import { parseConfig } from '@photo/shared/config/parse-config';
import { cloudHost, serveComposed } from '@photo/shared/composition/cloud-service';
import { clusteringWorkerEnv, composeClusteringWorker } from './compose';

/** The clustering worker on Cloud Run: Pub/Sub pushes image.uploaded here. */
const e = parseConfig(requirePushAuth(cloudWorkerEnv.extend(clusteringWorkerEnv.shape)), process.env);
const cloud = cloudHost('clustering-worker', e);
await serveComposed('clustering worker', e, cloud, composeClusteringWorker(e, cloud.host));
