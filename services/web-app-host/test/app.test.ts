import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@photo/shared/config/parse-config';
import { silentLogger } from '@photo/shared/http/logger';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import { createWebAppHostApp } from '../src/app';
import { webAppHostConfigSchema } from '../src/config';
import { missingSecurityHeaders } from '@photo/shared/testing/security-headers';

const RUNTIME = {
  apiOrigin: 'https://api.example.com',
  galleryOrigin: null,
  auth: { domain: 'tenant.eu.auth0.com', clientId: 'spa-client', audience: 'https://api.example.com' },
};

describe('a web app hosted on Cloud Run, through real HTTP', () => {
  let dist: string;
  let server: RunningServer;
  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'web-host-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>shell</title>');
    await writeFile(join(dist, 'assets/app-1a2b3c.js'), 'console.log(1)');
    const config = parseConfig(webAppHostConfigSchema, {
      APP_DIST_DIR: dist,
      APP_CONFIG: JSON.stringify(RUNTIME),
      CSP_EXTRA_ORIGINS: 'https://images.example.com,https://storage.googleapis.com',
    });
    server = await startServer(createWebAppHostApp(config, silentLogger()), {
      port: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
      name: 'web host',
    });
  });
  afterAll(async () => {
    await server.close(0);
    await rm(dist, { recursive: true, force: true });
  });

  it('when the app asks for /config.json, then it gets the deploy-time settings, never cached', async () => {
    const res = await fetch(`${server.url}/config.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.json()).toEqual(RUNTIME);
  });

  it('when any page is served, then its CSP allows only the app, the APIs, storage uploads and the Auth0 tenant', async () => {
    const res = await fetch(`${server.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(
      "connect-src 'self' https://api.example.com https://images.example.com https://storage.googleapis.com https://tenant.eu.auth0.com",
    );
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it("when anything is served (a page, an asset, a 404), then with the security headers beside the app's own CSP", async () => {
    for (const path of ['/', '/config.json', '/assets/app-1a2b3c.js', '/assets/missing.js']) {
      const res = await fetch(`${server.url}${path}`);
      expect(missingSecurityHeaders(res.headers), path).toEqual([]);
      expect(res.headers.get('content-security-policy'), path).toContain(
        "script-src 'self' 'wasm-unsafe-eval'",
      );
    }
  });

  it('when a deep link is opened, then the shell answers 200 (the app routes itself); a hashed asset is cached a year', async () => {
    const page = await fetch(`${server.url}/scan/some-path`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>shell</title>');
    expect(page.headers.get('content-security-policy')).toBeTruthy();
    const asset = await fetch(`${server.url}/assets/app-1a2b3c.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
  });

  it('when the app has no login (the participant app), then its config has auth: null and its CSP names no identity provider', async () => {
    const runtime = { ...RUNTIME, galleryOrigin: 'https://gallery.example.com', auth: null };
    const config = parseConfig(webAppHostConfigSchema, {
      APP_DIST_DIR: dist,
      APP_CONFIG: JSON.stringify(runtime),
    });
    const host = await startServer(createWebAppHostApp(config, silentLogger()), {
      port: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
      name: 'web host',
    });
    try {
      const res = await fetch(`${host.url}/config.json`);
      expect(await res.json()).toEqual(runtime);
      expect(res.headers.get('content-security-policy')).toContain(
        "connect-src 'self' https://api.example.com https://gallery.example.com;",
      );
    } finally {
      await host.close(0);
    }
  });

  it('when APP_CONFIG is not the config document, then start-up lists the problem', () => {
    expect(() =>
      parseConfig(webAppHostConfigSchema, {
        APP_CONFIG: JSON.stringify({ ...RUNTIME, apiOrigin: 'not a url' }),
      }),
    ).toThrow(/APP_CONFIG\.apiOrigin/);
    expect(() => parseConfig(webAppHostConfigSchema, {})).toThrow(/APP_CONFIG/);
  });
});
