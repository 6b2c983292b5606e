import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Logger } from '@photo/shared/http/logger';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import type { DevIdentityProvider } from '@photo/shared/identity/dev-identity-provider';
import { contentSecurityPolicy } from '@photo/shared/web-apps/content-security-policy';
import { ensureBuilt, isBuilt, removeBuildLitter } from './web-app-build';
import { createWebAppServer } from '@photo/shared/web-apps/web-app-server';
import type { WebAppsRunnerConfig } from './web-apps-config';

/** One web app as the runner serves it. */
interface WebAppSpec {
  /** The directory under services/. */
  name: string;
  /** Human label for `npm start`'s list. */
  label: string;
  /** Its client at the identity provider; null for an app whose people do not log in there (participants). */
  clientId: string | null;
  /** The setting naming its port. */
  port: Exclude<keyof WebAppsRunnerConfig, 'WEB_APPS'>;
}

const WEB_APPS: readonly WebAppSpec[] = [
  { name: 'staff-app', label: 'Staff app', clientId: 'staff-app', port: 'STAFF_APP_PORT' },
  {
    name: 'operator-console',
    label: 'Operator console',
    clientId: 'operator-console',
    port: 'OPERATOR_CONSOLE_PORT',
  },
  // Participants hold an opaque token from their join link, not a login: no identity provider client.
  { name: 'participant-app', label: 'Participant app', clientId: null, port: 'PARTICIPANT_APP_PORT' },
];

/** What the apps' config.json and CSP are made of, known once the system listens. */
export interface SystemEndpoints {
  urls: { backend: string; imageServer: string; identity: string; gallery: string };
  audience: string;
  idp: Pick<DevIdentityProvider, 'registerBrowserClient'>;
}

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const BUILD_SCRIPT = fileURLToPath(new URL('./build-app.ts', import.meta.url));
/**
 * A background build yields the CPU to the runner (a restart's recovery, requests) whenever both want it. `nice` sets
 * it before the build's process starts any thread (renicing a running process changes only its main thread, and Vite
 * builds on many).
 */
const BUILD_NICENESS = 19;

/**
 * Serves each web app on its own port, before the APIs start: their origins are what CORS on the APIs allows.
 * `connect` then gives each its config.json and registers its login client with the dev identity provider.
 * A stale app is built first, or, with `buildInBackground`, later by `buildStale()` while the last build (or, with
 * none yet, a 503 asking to retry) is served.
 */
export async function startWebApps(options: {
  config: WebAppsRunnerConfig;
  host: string;
  /** The address phones use to reach this machine (PUBLIC_HOST), if not the listening one. */
  publicHost?: string | undefined;
  logger: Logger;
  buildInBackground?: boolean;
}) {
  const { config, logger } = options;
  const publicUrl = (url: string) =>
    options.publicHost ? url.replace(/\/\/[^:/]+/, `//${options.publicHost}`) : url;
  let endpoints: SystemEndpoints | null = null;
  const servers: Array<RunningServer & { spec: WebAppSpec }> = [];
  /** Apps whose build may be stale: checked, and built if it is, by buildStale. */
  const stale: Array<{ appDir: string; served: { ready: boolean } }> = [];
  let builder: ChildProcess | null = null;
  let building: Promise<void> | null = null;
  let delay: NodeJS.Timeout | null = null;
  let startNow: (() => void) | null = null;
  let stopping = false;
  if (config.WEB_APPS) {
    for (const spec of WEB_APPS) {
      const appDir = fileURLToPath(new URL(`../../../${spec.name}/`, import.meta.url));
      if (!existsSync(`${appDir}index.html`)) continue;
      const distDir = join(appDir, 'dist');
      const served = { ready: true };
      // In the background the staleness check waits for buildStale too: with sources changed it hashes every
      // one of them, CPU a restart's recovery needs. Until then the last build is served.
      if (options.buildInBackground) {
        served.ready = existsSync(join(distDir, 'index.html'));
        stale.push({ appDir, served });
      } else if (!(await isBuilt(appDir))) await ensureBuilt(appDir, logger);
      const appLogger = logger.child({ service: spec.name });
      const app = express();
      app.disable('x-powered-by');
      app.use((_req, res, next) =>
        served.ready
          ? next()
          : void res
              .status(503)
              .set({ 'Retry-After': '10', 'Cache-Control': 'no-store' })
              .type('text/plain')
              .send('This app is being built; try again in a few seconds.'),
      );
      app.use(
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
      );
      const server = await startServer(app, {
        port: config[spec.port],
        host: options.host,
        logger,
        name: spec.name,
      });
      servers.push({ ...server, spec });
    }
  }
  return {
    apps: servers.map((s) => ({ name: s.spec.name, label: s.spec.label, url: publicUrl(s.url) })),
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
    /**
     * After `afterMs` (a restart's recovery goes first), builds the stale apps one after another, each in a process
     * of its own at low priority; a built app is served at once. A failed build is logged and the app keeps what it
     * served.
     */
    buildStale(options: { afterMs?: number } = {}): Promise<void> {
      building ??= new Promise<void>((resolve) => {
        startNow = resolve;
        delay = setTimeout(resolve, options.afterMs ?? 0);
        delay.unref();
      }).then(buildEach);
      return building;
    },
    async stop(): Promise<void> {
      stopping = true;
      if (delay) clearTimeout(delay);
      // A build not begun yet never begins; one under way is stopped and what it wrote removed.
      startNow?.();
      builder?.kill('SIGTERM');
      await Promise.all([...servers.map((s) => s.close()), building]);
    },
  };

  async function buildEach(): Promise<void> {
    for (const { appDir, served } of stale) {
      if (stopping) return;
      if (await isBuilt(appDir)) {
        served.ready = true;
        continue;
      }
      const command = [process.execPath, '--import', 'tsx', BUILD_SCRIPT, appDir];
      const niced =
        process.platform === 'win32' ? command : ['nice', '-n', String(BUILD_NICENESS), ...command];
      const child = spawn(niced[0]!, niced.slice(1), { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
      builder = child;
      const [code] = (await once(child, 'exit').catch((err: unknown) => {
        logger.warn({ err, app: appDir }, 'web app build could not start');
        return [null];
      })) as [number | null];
      builder = null;
      if (code === 0) served.ready = true;
      else if (!stopping) logger.warn({ app: appDir, code }, 'web app build failed');
      if (stopping) await removeBuildLitter(appDir, child.pid!);
    }
  }
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
