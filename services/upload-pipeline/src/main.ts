import { z } from 'zod';
import { cloudWorkerEnv, requirePushAuth } from '@photo/shared/config/cloud-env';
import { parseConfig } from '@photo/shared/config/parse-config';
import { cloudHost, serveComposed } from '@photo/shared/composition/cloud-service';
import { composeUploadPipeline, uploadPipelineSettings } from './compose';

/**
 * The upload pipeline on Cloud Run: Pub/Sub pushes the bucket's OBJECT_FINALIZE notifications of uploads/, backfill
 * requests and webhook deliveries here; Cloud Scheduler calls POST /tasks/sweep (the scheduler job is created with
 * gcloud, see docs/operations.md). It calls the image server's internal routes with Google ID tokens.
 */
const e = parseConfig(
  requirePushAuth(
    cloudWorkerEnv.extend({
      ...uploadPipelineSettings.shape,
      /** The account Cloud Scheduler signs its OIDC tokens as, when it calls /tasks/sweep. */
      SCHEDULER_SERVICE_ACCOUNT: z.string().optional(),
    }),
  ),
  process.env,
);
const cloud = cloudHost('upload-pipeline', e);
await serveComposed('upload pipeline', e, cloud, composeUploadPipeline(e, cloud.host));
