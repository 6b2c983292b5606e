import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@photo/shared/http/logger';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import { contentSecurityPolicy } from '@photo/shared/web-apps/content-security-policy';
import { acquireBuildLock, sourceHash } from '../../src/apps/web-app-build';
import { createWebAppServer } from '@photo/shared/web-apps/web-app-server';
import { missingSecurityHeaders } from '@photo/shared/testing/security-headers';

let dir: string;
let server: RunningServer;
let config: object | null = null;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'web-app-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>shell</title>');
  await writeFile(join(dir, 'sw.js'), 'self.x = 1;');
  await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
  await writeFile(join(dir, 'assets', 'reader-abc123.wasm'), new Uint8Array([0, 97, 115, 109]));
  server = await startServer(
    createWebAppServer({
      distDir: dir,
      logger: silentLogger(),
      runtimeConfig: () => config,
      contentSecurityPolicy: () =>
        contentSecurityPolicy({
          apis: ['http://api.test', 'http://images.test/'],
          identity: 'http://idp.test',
        }),
    }),
    { port: 0, host: '127.0.0.1', logger: silentLogger(), name: 'app' },
  );
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('web app server', () => {
  it('when a hashed asset is asked for, then it is cached for a year; the shell and worker are revalidated', async () => {
    const asset = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/sw.js']) {
      expect((await fetch(`${server.url}${path}`)).headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('when WASM is served, then with its media type (streaming compilation needs it)', async () => {
    const wasm = await fetch(`${server.url}/assets/reader-abc123.wasm`);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
  });

  it('when a page path is not a file, then the shell answers; a missing asset is a 404', async () => {
    const page = await fetch(`${server.url}/scan/next`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>shell</title>');
    expect((await fetch(`${server.url}/assets/gone-123.js`)).status).toBe(404);
  });

  it('when the APIs are not up yet, then config.json is a 503; once they are, it is their settings, uncached', async () => {
    expect((await fetch(`${server.url}/config.json`)).status).toBe(503);
    config = { apiOrigin: 'http://api.test' };
    const res = await fetch(`${server.url}/config.json`);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.json()).toEqual(config);
  });

  it('when anything is served, then with a CSP that allows no inline script and fetches only to the APIs and the IdP', async () => {
    const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? '';
    const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));
    expect(directive('script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(directive('connect-src')).toBe(
      "connect-src 'self' http://api.test http://images.test http://idp.test",
    );
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
  });

  it("when anything is served (the shell, config.json, an asset, a 404), then with the security headers and the app's CSP", async () => {
    for (const path of ['/', '/config.json', '/assets/reader-abc123.wasm', '/assets/gone-123.js']) {
      const res = await fetch(`${server.url}${path}`);
      expect(missingSecurityHeaders(res.headers), path).toEqual([]);
      expect(res.headers.get('content-security-policy'), path).toContain(
        "script-src 'self' 'wasm-unsafe-eval'",
      );
    }
  });
});

describe('sourceHash', () => {
  it('when a source file of the app changes, then the hash changes', async () => {
    const app = await mkdtemp(join(tmpdir(), 'app-src-'));
    try {
      await writeFile(join(app, 'index.html'), 'a');
      const before = await sourceHash(app);
      expect(await sourceHash(app)).toBe(before);
      await writeFile(join(app, 'index.html'), 'b');
      expect(await sourceHash(app)).not.toBe(before);
      await mkdir(join(app, 'dist'));
      await writeFile(join(app, 'dist', 'x.js'), 'built');
      await writeFile(join(app, 'index.html'), 'a');
      expect(await sourceHash(app)).toBe(before);
    } finally {
      await rm(app, { recursive: true, force: true });
    }
  });
});

describe('the build lock', () => {
  it('when the builder holding it was killed, then the next start takes it over at once; a live builder keeps it', async () => {
    const app = await mkdtemp(join(tmpdir(), 'app-lock-'));
    const lock = join(app, 'dist.lock');
    try {
      const dead = spawnSync(process.execPath, ['-e', '0']).pid;
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(dead));
      const started = Date.now();
      await acquireBuildLock(lock);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await readFile(join(lock, 'pid'), 'utf8')).toBe(String(process.pid));

      await writeFile(join(lock, 'pid'), String(process.ppid));
      const next = acquireBuildLock(lock).then(() => 'acquired');
      expect(await Promise.race([next, new Promise((r) => setTimeout(() => r('waiting'), 1_000))])).toBe(
        'waiting',
      );
      // The live builder dies while the other waits: the waiter takes over.
      await writeFile(join(lock, 'pid'), String(dead));
      expect(await next).toBe('acquired');
    } finally {
      await rm(app, { recursive: true, force: true });
    }
  });
});
