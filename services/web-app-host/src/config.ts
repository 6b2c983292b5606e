import { z } from 'zod';
import { appOriginsList } from '@photo/shared/config/app-origins';
import { logLevelEnv } from '@photo/shared/config/cloud-env';
import { env } from '@photo/shared/config/parse-config';
import { runtimeConfigSchema } from '@photo/shared/web-apps/runtime-config';

/** One web app's static host on Cloud Run (environment variables), parsed once at start. */
export const webAppHostConfigSchema = z.object({
  PORT: env.int(8080, { min: 0, max: 65535 }),
  HOST: z.string().default('0.0.0.0'),
  /** The app's Vite build (index.html, assets/, sw.js, the manifest). */
  APP_DIST_DIR: z.string().default('/app/site'),
  /** The app's `/config.json`, written at deploy: API origins, Auth0 domain, client id, audience. */
  APP_CONFIG: z
    .string()
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(runtimeConfigSchema),
  /**
   * Other origins the page reaches, for its Content-Security-Policy: the image server (one-time URLs) and Cloud
   * Storage (signed uploads, `https://storage.googleapis.com`).
   */
  CSP_EXTRA_ORIGINS: appOriginsList.default([]),
  LOG_LEVEL: logLevelEnv,
});

export type WebAppHostConfig = z.infer<typeof webAppHostConfigSchema>;
