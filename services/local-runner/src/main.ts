import { DataDirInUseError } from '@photo/shared/adapters/sqlite/data-dir-lock.sqlite';
import { parseConfig } from '@photo/shared/config/parse-config';
import { createLogger } from '@photo/shared/http/logger';
import { guardProcess } from '@photo/shared/http/process-guards';
import { onShutdownSignal } from '@photo/shared/http/server';
import { systemClock } from '@photo/shared/ports/common';
import { localRunnerConfigSchema } from './config';
import { startSystem } from './system';
import { startWebApps } from './apps/web-apps';
import { webAppsRunnerEnv } from './apps/web-apps-config';

const config = parseConfig(localRunnerConfigSchema, process.env);
const logger = createLogger({ level: config.LOG_LEVEL });
// One process holds every service: an error escaping one request is logged and the rest keep serving
// (docs/operations.md).
guardProcess(logger);
// The apps listen first: their origins are the ones the APIs' CORS allows. A stale app is built after the APIs
// serve, so a restart after a crash is not held up by a build.
const webApps = await startWebApps({
  config: parseConfig(webAppsRunnerEnv, process.env),
  host: config.HOST,
  publicHost: config.PUBLIC_HOST,
  logger,
  buildInBackground: true,
});
const systemOptions = { config, logger, clock: systemClock, appOrigins: webApps.origins };
const system = await startSystem(systemOptions).catch((err: unknown) => {
  // Another runner holds the data directory: say so plainly and stop, leaving it alone.
  if (err instanceof DataDirInUseError) process.stderr.write(`${err.message}\n`);
  // Any other start failure (a port in use) must end the process too: thrown here it would reach the process guard,
  // which keeps a process serving, and a runner that never finished starting would hang instead of being restarted.
  else logger.fatal({ err }, 'start-up failed: exiting');
  process.exit(1);
});
webApps.connect(system);

const tokenCommand = (client: 'operator' | 'staff') =>
  `curl -s -X POST ${system.urls.identity}/oauth/token -H 'content-type: application/json' ` +
  `-d '{"grant_type":"client_credentials","client_id":"${client}","client_secret":"${system.idp.clientSecret(client)}","audience":"${system.audience}"}'`;
const loginUsers = system.idp
  .users()
  .map(
    (u) =>
      `  ${u.id.padEnd(10)} ${(u.role ?? 'no permissions').padEnd(15)} passcode ${system.idp.passcode(u.id)}`,
  )
  .join('\n');

const services = (
  [
    ['Backend API', system.urls.backend, `(OpenAPI: ${system.urls.backend}/openapi.json)`],
    ['Image server', system.urls.imageServer, ''],
    ['Face gallery', system.urls.gallery, '(catalog: npm run gallery:ingest -- <dir>)'],
    ['Dev identity', system.urls.identity, `(JWKS: ${system.urls.identity}/.well-known/jwks.json)`],
    ...webApps.apps.map((app): [string, string, string] => [app.label, app.url, '']),
  ] satisfies [string, string, string][]
)
  .map(([label, url, note]) => `  ${label.padEnd(17)}${url.padEnd(30)}${note}`.trimEnd())
  .join('\n');

process.stdout.write(`
Event photo backend is running on the embedded default (data in ${config.DATA_DIR}).

${services}

An operator token:
  ${tokenCommand('operator')}
A staff token:
  ${tokenCommand('staff')}

Browser login at the dev identity provider (the page asks for the user's passcode; keep them to yourself when
HOST=0.0.0.0 puts the provider on the venue network):
${loginUsers}

Stop with Ctrl-C: in-flight requests and deliveries finish first.
`);

// Half a minute on: after a crash the restart's recovery (the pipelines taking back their work) has the CPU first.
void webApps.buildStale({ afterMs: 30_000 });

onShutdownSignal(logger, async () => {
  await webApps.stop();
  await system.stop();
});
