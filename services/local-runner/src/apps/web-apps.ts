import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@photo/shared/http/logger';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import type { DevIdentityProvider } from '@photo/shared/identity/dev-identity-provider';
import { contentSecurityPolicy } from '@photo/shared/web-apps/content-security-policy';
import { ensureBuilt } from './web-app-build';
import { createWebAppServer } from '@photo/shared/web-apps/web-app-server';
import type { WebAppsRunnerConfig } from './web-apps-config';

/** One web app as the runner serves it. */
interface WebAppSpec {
  /** The directory under services/. */
  name: string;
  label: string;
  /** Its client at the identity provider; null for an app whose people do not log in there (participants). */
  clientId: string | null;
  port: (config: WebAppsRunnerConfig) => number;
}

const WEB_APPS: readonly WebAppSpec[] = [
  { name: 'staff-app', label: 'Staff app', clientId: 'staff-app', port: (c) => c.STAFF_APP_PORT },
  {
    name: 'operator-console',
    label: 'Operator console',
    clientId: 'operator-console',
    port: (c) => c.OPERATOR_CONSOLE_PORT,
  },
  // Participants hold an opaque token from their join link, not a login: no identity provider client.
  { name: 'participant-app', label: 'Participant app', clientId: null, port: (c) => c.PARTICIPANT_APP_PORT },
];

/** What the apps' config.json and CSP are made of, known once the system listens. */
export interface SystemEndpoints {
  urls: { backend: string; imageServer: string; identity: string; gallery: string };
  audience: string;
  idp: Pick<DevIdentityProvider, 'registerBrowserClient'>;
}

export interface RunningWebApp {
  name: string;
  /** Human label for `npm start`'s list. */
  label: string;
  url: string;
}

/**
 * Builds (when stale) and serves each web app on its own port, before the APIs start: their origins are what CORS
 * on the APIs allows. `connect` then gives each its config.json and registers its login client with the dev
 * identity provider.
 */
export async function startWebApps(options: {
  config: WebAppsRunnerConfig;
  host: string;
  /** The address phones use to reach this machine (PUBLIC_HOST), if not the listening one. */
  publicHost?: string | undefined;
  logger: Logger;
}) {
  const { config, logger } = options;
  const publicUrl = (url: string) =>
    options.publicHost ? url.replace(/\/\/[^:/]+/, `//${options.publicHost}`) : url;
  let endpoints: SystemEndpoints | null = null;
  const servers: Array<RunningServer & { spec: WebAppSpec }> = [];
  if (config.WEB_APPS) {
    for (const spec of WEB_APPS) {
      const appDir = fileURLToPath(new URL(`../../../${spec.name}/`, import.meta.url));
      if (!(await exists(`${appDir}index.html`))) continue;
      const distDir = await ensureBuilt(appDir, logger);
      const appLogger = logger.child({ service: spec.name });
      const server = await startServer(
        createWebAppServer({
          distDir,
          logger: appLogger,
          runtimeConfig: () => endpoints && runtimeConfig(spec, endpoints),
          contentSecurityPolicy: () =>
            endpoints
              ? contentSecurityPolicy({
                  apis: [endpoints.urls.backend, endpoints.urls.imageServer, endpoints.urls.gallery],
                  identity: endpoints.urls.identity,
                })
              : "default-src 'self'",
        }),
        { port: spec.port(config), host: options.host, logger, name: spec.name },
      );
      servers.push({ ...server, spec });
    }
  }
  const apps: RunningWebApp[] = servers.map((s) => ({
    name: s.spec.name,
    label: s.spec.label,
    url: publicUrl(s.url),
  }));
  return {
    apps,
    /** Every origin the apps are reached at (the listening address and the PUBLIC_HOST one): CORS allows these. */
    origins: [...new Set(servers.flatMap((s) => [s.url, publicUrl(s.url)]))],
    connect(system: SystemEndpoints): void {
      endpoints = system;
      for (const server of servers) {
        if (!server.spec.clientId) continue;
        const urls = [...new Set([server.url, publicUrl(server.url)])];
        system.idp.registerBrowserClient({
          clientId: server.spec.clientId,
          redirectUris: urls.map((u) => `${u}/`),
          logoutUrls: urls.map((u) => `${u}/`),
          origins: urls,
        });
      }
    },
    async stop(): Promise<void> {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}

export type RunningWebApps = Awaited<ReturnType<typeof startWebApps>>;

/** The app's `/config.json`. */
function runtimeConfig(spec: WebAppSpec, system: SystemEndpoints) {
  return {
    apiOrigin: system.urls.backend,
    galleryOrigin: system.urls.gallery,
    auth: spec.clientId
      ? { domain: system.urls.identity, clientId: spec.clientId, audience: system.audience }
      : null,
  };
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
