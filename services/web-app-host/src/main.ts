import { parseConfig } from '@photo/shared/config/parse-config';
import { createLogger } from '@photo/shared/http/logger';
import { onShutdownSignal, startServer } from '@photo/shared/http/server';
import { createWebAppHostApp } from './app';
import { webAppHostConfigSchema } from './config';

/** A web app's static host on Cloud Run: its build, its deploy-time config.json, its CSP. */
const config = parseConfig(webAppHostConfigSchema, process.env);
const logger = createLogger({ service: 'web-app-host', level: config.LOG_LEVEL });
const server = await startServer(createWebAppHostApp(config, logger), {
  port: config.PORT,
  host: config.HOST,
  logger,
  name: 'web app host',
});
onShutdownSignal(logger, () => server.close());
