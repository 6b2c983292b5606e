import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emulatorHosts } from '@photo/shared/testing/emulators';
import { missingSecurityHeaders } from '@photo/shared/testing/security-headers';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** tsx itself, not `npx tsx`, so SIGTERM reaches the service (see shutdown.test.ts). */
const TSX = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** What every Cloud Run service reads; emulator hosts keep the Google clients on this machine. */
const cloudEnv = () => {
  const hosts = emulatorHosts();
  return {
    GOOGLE_CLOUD_PROJECT: 'mains-test',
    IMAGES_BUCKET: 'images',
    PUSH_AUTH: 'disabled',
    FIRESTORE_EMULATOR_HOST: hosts?.firestore ?? '127.0.0.1:9',
    PUBSUB_EMULATOR_HOST: hosts?.pubsub ?? '127.0.0.1:9',
    STORAGE_API_ENDPOINT: 'http://127.0.0.1:9',
    METADATA_SERVER_DETECTION: 'none',
    LOG_LEVEL: 'warn',
  };
};

const SERVICES: Record<string, Record<string, string>> = {
  'backend-api': {
    AUTH_ISSUER: 'https://tenant.example/',
    AUTH_AUDIENCE: 'https://api.example',
    IMAGE_SERVER_URL: 'http://127.0.0.1:9',
    QR_SECRET: 'x'.repeat(40),
  },
  'image-server': {
    PUBLIC_BASE_URL: 'https://images.example',
    SERVICE_TOKEN_AUDIENCE: 'https://images.example',
    ALLOWED_CALLERS: 'backend-api@mains-test.iam.gserviceaccount.com',
  },
  'clustering-worker': {},
  'generation-worker': {},
  'processing-worker': {},
  'notification-worker': {},
  'gallery-api': { IMAGE_SERVER_URL: 'http://127.0.0.1:9' },
  'upload-pipeline': {
    IMAGE_SERVER_URL: 'http://127.0.0.1:9',
    IMAGE_SERVER_AUDIENCE: 'http://127.0.0.1:9',
  },
};

/** The services a browser app calls, each given APP_ORIGINS, and a path of theirs the app fetches. */
const APP_ORIGIN = 'https://staff.example';
const BROWSER_PATHS: Record<string, string> = {
  'backend-api': '/me',
  'image-server': '/i/t',
  'gallery-api': '/gallery',
};

describe("each Cloud Run service's main.ts", () => {
  it.each(Object.keys(SERVICES))(
    'when %s starts with its settings, then it serves /healthz (and the preflight of APP_ORIGINS where browsers call it) and exits 0 on SIGTERM',
    async (service) => {
      const port = await freePort();
      const child = spawn(process.execPath, [TSX, `services/${service}/src/main.ts`], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          ...cloudEnv(),
          ...SERVICES[service],
          ...(BROWSER_PATHS[service] ? { APP_ORIGINS: `${APP_ORIGIN}/` } : {}),
          PORT: String(port),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
      const exited = once(child, 'exit');
      try {
        const deadline = Date.now() + 30_000;
        let health: Response | null = null;
        while (Date.now() < deadline && health?.status !== 200) {
          health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
          if (health?.status !== 200) await new Promise((r) => setTimeout(r, 200));
        }
        expect(health?.status, output).toBe(200);
        expect(missingSecurityHeaders(health!.headers), output).toEqual([]);
        if (BROWSER_PATHS[service]) {
          const preflight = await fetch(`http://127.0.0.1:${port}${BROWSER_PATHS[service]}`, {
            method: 'OPTIONS',
            headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'GET' },
          });
          expect(preflight.headers.get('access-control-allow-origin'), output).toBe(APP_ORIGIN);
          expect(missingSecurityHeaders(preflight.headers), output).toEqual([]);
        }
        child.kill('SIGTERM');
        const [code] = (await exited) as [number | null];
        expect(code, output).toBe(0);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  );

  it('when a required setting is missing, then it lists every problem and exits non-zero', async () => {
    const child = spawn(process.execPath, [TSX, 'services/backend-api/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, GOOGLE_CLOUD_PROJECT: '', PUSH_AUTH: 'oidc' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).not.toBe(0);
    for (const name of ['AUTH_ISSUER', 'IMAGE_SERVER_URL', 'QR_SECRET', 'IMAGES_BUCKET'])
      expect(output).toContain(name);
  });
});
