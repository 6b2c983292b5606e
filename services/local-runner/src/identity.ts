import { join } from 'node:path';
import express from 'express';
import { errorHandler } from '@photo/shared/http/error-handler';
import type { Logger } from '@photo/shared/http/logger';
import { requestContextMiddleware } from '@photo/shared/http/request-context';
import { apiSecurityHeaders } from '@photo/shared/http/security-headers';
import { startServer } from '@photo/shared/http/server';
import { DevIdentityProvider } from '@photo/shared/identity/dev-identity-provider';
import { devIdentityRoutes } from '@photo/shared/identity/dev-identity.routes';
import type { LocalRunnerConfig } from './config';

/** The service accounts the services call each other as, signed by the dev identity provider. */
export const ACCOUNTS = {
  'backend-api': 'backend-api@embedded.local',
  'gallery-api': 'gallery-api@embedded.local',
  'upload-pipeline': 'upload-pipeline@embedded.local',
} as const;

/**
 * The dev identity provider on its own port: it stands in for Auth0 (users) and for Google (service-to-service ID
 * tokens).
 */
export async function startIdentity(input: {
  config: LocalRunnerConfig;
  dataDir: string;
  logger: Logger;
  publicUrl: (url: string) => string;
}) {
  const { config, logger } = input;
  const app = express();
  app.use(requestContextMiddleware(logger.child({ service: 'dev-identity' }), null));
  app.use(apiSecurityHeaders());
  // The issuer URL names the port, known only once listening: the routes arrive right after.
  let routes: ReturnType<typeof devIdentityRoutes> | null = null;
  app.use((req, res, next) => (routes ? routes(req, res, next) : res.status(503).end()));
  app.use(errorHandler);
  const server = await startServer(app, {
    port: config.IDENTITY_PORT,
    host: config.HOST,
    logger,
    name: 'dev identity provider',
  });
  const issuer = `${input.publicUrl(server.url)}/`;
  const idp = await DevIdentityProvider.load(join(input.dataDir, 'identity'), issuer, {
    audience: config.AUTH_AUDIENCE,
  });
  routes = devIdentityRoutes(idp, { accessTokenTtlSeconds: config.IDENTITY_ACCESS_TOKEN_TTL_SECONDS });
  return { server, idp, issuer, jwksUrl: `${server.url}/.well-known/jwks.json` };
}
