import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOriginsList } from '../config/app-origins';
import { parseConfig } from '../config/parse-config';
import { createBaseApp } from './base-app';
import { CORS_EXPOSED_HEADERS, CORS_MAX_AGE_SECONDS, CORS_REQUEST_HEADERS } from './cors';
import { silentLogger } from './logger';
import { startServer, type RunningServer } from './server';
import { z } from 'zod';

const APP = 'https://staff.example.com';
const OTHER = 'https://evil.example.com';

const preflight = (url: string, origin: string, method = 'PUT', headers = 'authorization,idempotency-key') =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': headers,
    },
  });

const list = (value: string | null) => (value ?? '').split(',').map((s) => s.trim().toLowerCase());

describe('CORS for the browser apps, through real HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const routes = Router();
    routes.put('/photos/:id', (_req, res) => void res.status(201).set('ETag', '"v1"').json({ ok: true }));
    routes.get('/i/:token', (_req, res) => void res.json({ image: true }));
    routes.get('/internal/thing', (_req, res) => void res.json({ internal: true }));
    const app = createBaseApp({
      logger: silentLogger(),
      projectId: null,
      readiness: {},
      isDraining: () => false,
      routes: [routes],
      cors: { origins: [APP], paths: ['/photos', '/i'] },
    });
    server = await startServer(app, { port: 0, host: '127.0.0.1', logger: silentLogger(), name: 'cors' });
  });
  afterAll(() => server.close(0));

  it('when an app origin asks before a PUT with its headers, then the preflight allows exactly that origin, the methods and headers, for max-age', async () => {
    const res = await preflight(`${server.url}/photos/p1`, APP);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(list(res.headers.get('access-control-allow-methods'))).toEqual(
      expect.arrayContaining(['get', 'post', 'put', 'delete']),
    );
    expect(list(res.headers.get('access-control-allow-headers'))).toEqual(
      CORS_REQUEST_HEADERS.map((h) => h.toLowerCase()),
    );
    expect(res.headers.get('access-control-max-age')).toBe(String(CORS_MAX_AGE_SECONDS));
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(list(res.headers.get('vary'))).toContain('origin');
  });

  it('when an app origin makes the real call, then the answer names the origin and exposes the headers the app reads', async () => {
    const res = await fetch(`${server.url}/photos/p1`, {
      method: 'PUT',
      headers: { Origin: APP, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(list(res.headers.get('access-control-expose-headers'))).toEqual(
      CORS_EXPOSED_HEADERS.map((h) => h.toLowerCase()),
    );
    expect(list(res.headers.get('vary'))).toContain('origin');
  });

  it('when an app origin meets an error, then the error answer is readable by the page too', async () => {
    const res = await fetch(`${server.url}/photos`, { headers: { Origin: APP } });
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('when another origin asks, then neither its preflight nor its call gets any CORS header', async () => {
    const pre = await preflight(`${server.url}/photos/p1`, OTHER);
    for (const name of ['allow-origin', 'allow-methods', 'allow-headers', 'max-age'])
      expect(pre.headers.get(`access-control-${name}`)).toBeNull();
    const res = await fetch(`${server.url}/i/token`, { headers: { Origin: OTHER } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-expose-headers')).toBeNull();
    expect(list(res.headers.get('vary'))).toContain('origin');
  });

  it('when the origin differs only by scheme or port, then it is another origin', async () => {
    for (const origin of ['http://staff.example.com', 'https://staff.example.com:8443', `${APP}.evil.test`]) {
      const res = await preflight(`${server.url}/photos/p1`, origin);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('when a request carries no Origin, then it is answered as before, without CORS headers', async () => {
    const res = await fetch(`${server.url}/i/token`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ image: true });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when a path is not one of the CORS paths, then even an app origin gets no CORS header', async () => {
    const pre = await preflight(`${server.url}/internal/thing`, APP, 'GET', 'authorization');
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const res = await fetch(`${server.url}/internal/thing`, { headers: { Origin: APP } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('APP_ORIGINS', () => {
  const schema = z.object({ APP_ORIGINS: appOriginsList.default([]) });

  it('when origins are listed with spaces and trailing slashes, then each is kept as a browser sends it', () => {
    const config = parseConfig(schema, {
      APP_ORIGINS: ' https://Staff.Example.com/ , http://127.0.0.1:8083,https://console.example.com:443',
    });
    expect(config.APP_ORIGINS).toEqual([
      'https://staff.example.com',
      'http://127.0.0.1:8083',
      'https://console.example.com',
    ]);
  });

  it('when unset, then no origin is allowed', () => {
    expect(parseConfig(schema, {}).APP_ORIGINS).toEqual([]);
  });

  it('when an entry has a path, a wildcard or another scheme, then each is reported', () => {
    expect(() =>
      parseConfig(schema, {
        APP_ORIGINS: 'https://a.example.com/app,*,ftp://b.example.com,https://ok.example.com',
      }),
    ).toThrow(/https:\/\/a\.example\.com\/app is not an origin[\s\S]*\* is not an origin[\s\S]*ftp:/);
  });
});
