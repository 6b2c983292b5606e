import { env } from '@photo/shared/config/parse-config';
import { uploadRulesEnv } from '@photo/backend-api/uploads/upload-config';
import { uploadPipelineEnv } from '@photo/upload-pipeline/config';

/** The local runner's upload settings: the backend's rules, the pipeline's sizes, and how often the sweeper runs. */
export const uploadRunnerEnv = uploadRulesEnv.extend({
  ...uploadPipelineEnv.shape,
  /** How often expired uploads and orphaned objects are swept (Cloud Scheduler's job on Cloud Run). */
  UPLOAD_SWEEP_INTERVAL_MS: env.int(300_000, { min: 10, max: 3_600_000 }),
});
