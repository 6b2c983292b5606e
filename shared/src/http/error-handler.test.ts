import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errors } from '../errors/errors';
import { createBaseApp } from './base-app';
import { silentLogger } from './logger';
import { startServer, type RunningServer } from './server';

describe('errorHandler, through real HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const routes = Router();
    routes.get('/busy', () => {
      throw errors.unavailable('Every slot is busy: try again.', 5);
    });
    routes.get('/down', () => {
      throw errors.unavailable('The keys could not be fetched.');
    });
    const app = createBaseApp({
      logger: silentLogger(),
      projectId: null,
      readiness: {},
      isDraining: () => false,
      routes: [routes],
    });
    server = await startServer(app, { port: 0, host: '127.0.0.1', logger: silentLogger(), name: 'test' });
  });
  afterAll(() => server.close(0));

  it('when an error says when to retry, then the answer carries Retry-After beside the error body', async () => {
    const res = await fetch(`${server.url}/busy`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as { error: { code: string; details: unknown } };
    expect(body.error).toMatchObject({ code: 'SERVICE.UNAVAILABLE', details: { retryAfterSeconds: 5 } });
  });

  it('when an error says nothing of retrying, then there is no Retry-After', async () => {
    const res = await fetch(`${server.url}/down`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeNull();
  });
});
