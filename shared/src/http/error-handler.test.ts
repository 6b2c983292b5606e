import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errors } from '../errors/errors';
import { errorHandler } from './error-handler';
import { silentLogger } from './logger';
import { requestContextMiddleware } from './request-context';
import { startServer, type RunningServer } from './server';

describe('errorHandler, through real HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // Only what the handler needs: the request context it logs to, two failing routes, and itself.
    const app = express();
    app.use(requestContextMiddleware(silentLogger(), null));
    app.get('/busy', () => {
      throw errors.unavailable('Every slot is busy: try again.', 5);
    });
    app.get('/down', () => {
      throw errors.unavailable('The keys could not be fetched.');
    });
    app.use(errorHandler);
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
