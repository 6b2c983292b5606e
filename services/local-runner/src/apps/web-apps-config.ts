import { z } from 'zod';
import { env } from '@photo/shared/config/parse-config';

/** The web apps `npm start` serves, each on its own port (its own origin, as each is its own site in the cloud). */
export const webAppsRunnerEnv = z.object({
  STAFF_APP_PORT: env.int(8083, { min: 0, max: 65535 }),
  OPERATOR_CONSOLE_PORT: env.int(8084, { min: 0, max: 65535 }),
  PARTICIPANT_APP_PORT: env.int(8085, { min: 0, max: 65535 }),
  /** False serves no app (an API-only run); the apps are then neither built nor registered. */
  WEB_APPS: env.bool(true),
});

export type WebAppsRunnerConfig = z.infer<typeof webAppsRunnerEnv>;
