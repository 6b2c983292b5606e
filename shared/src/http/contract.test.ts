import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { errors } from '../errors/errors';
import { createBaseApp } from './base-app';
import { defineRoute, mountRoute, routeConfig, type Reply } from './contract';
import { silentLogger } from './logger';
import { startServer, type RunningServer } from './server';

const renameThing = defineRoute({
  method: 'put',
  path: '/things/{thingId}',
  operationId: 'renameThing',
  tags: ['Things'],
  summary: 'Rename a thing',
  access: 'members',
  request: {
    params: z.object({ thingId: z.string().regex(/^t_\d+$/) }),
    headers: z.object({ 'If-Match': z.string().optional() }),
    body: z.object({ name: z.string().min(1) }).strict(),
  },
  responses: {
    200: { description: 'Renamed.', body: z.object({ thingId: z.string(), name: z.string() }) },
    204: { description: 'Nothing changed.' },
  },
  errors: [errors.imageNotFound, [errors.versionConflict, 'The thing changed since If-Match.']],
});

describe('an HTTP contract', () => {
  let server: RunningServer;
  const seen: unknown[] = [];
  beforeAll(async () => {
    const router = Router();
    mountRoute(
      router,
      renameThing,
      {
        authorize: (req) => {
          if (!req.get('authorization')) return Promise.reject(errors.unauthenticated('Who are you?'));
          return Promise.resolve('member');
        },
      },
      ({ params, headers, body, caller }) => {
        seen.push({ params, headers, body, caller });
        if (body.name === 'same') return Promise.resolve({ status: 204 });
        return Promise.resolve({ status: 200, body: { thingId: params.thingId, name: body.name } });
      },
    );
    const app = createBaseApp({
      logger: silentLogger(),
      projectId: null,
      readiness: {},
      isDraining: () => false,
      routes: [router],
    });
    server = await startServer(app, { port: 0, host: '127.0.0.1', logger: silentLogger(), name: 'contract' });
  });
  afterAll(() => server.close());

  const put = (path: string, body: unknown, headers: Record<string, string> = { authorization: 'x' }) =>
    fetch(`${server.url}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('when the request matches, then the handler gets it parsed and its reply is sent', async () => {
    const res = await put('/things/t_1', { name: 'lamp' }, { authorization: 'x', 'if-match': 'v1' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ thingId: 't_1', name: 'lamp' });
    expect(seen.at(-1)).toEqual({
      params: { thingId: 't_1' },
      headers: { 'If-Match': 'v1' },
      body: { name: 'lamp' },
      caller: 'member',
    });
    expect((await put('/things/t_1', { name: 'same' })).status).toBe(204);
  });

  it('when a parameter or the body breaks the contract, then 400 REQUEST.INVALID lists every issue', async () => {
    const res = await put('/things/nope', { name: '', extra: 1 });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; details: { issues: unknown[] } } };
    expect(error.code).toBe('REQUEST.INVALID');
    expect(error.details.issues).toEqual([{ path: 'thingId', message: expect.any(String) as string }]);
  });

  it('when the caller is refused, then nothing is parsed and the handler does not run', async () => {
    const before = seen.length;
    const res = await put('/things/nope', { name: '' }, {});
    expect(res.status).toBe(401);
    expect(seen).toHaveLength(before);
  });

  it('when it is documented, then its errors come per status from the catalog, with the implied ones', () => {
    const config = routeConfig(renameThing, { security: [{ member: [] }], errors: [], note: 'For members.' });
    expect(config.description).toBe('For members.');
    expect(Object.keys(config.responses).sort()).toEqual([
      '200',
      '204',
      '400',
      '404',
      '409',
      '413',
      '415',
      '500',
    ]);
    const responses = config.responses as Record<string, { description: string }>;
    expect(responses['409']!.description).toBe(
      '- `IMAGE.VERSION_CONFLICT`: The thing changed since If-Match.',
    );
    expect(responses['400']!.description).toContain('`REQUEST.MALFORMED_JSON`');
    expect(config.request?.body?.required).toBe(true);
  });

  it('when a HEAD route is documented, then its errors carry no body, only their status and codes', () => {
    const peek = defineRoute({
      method: 'head',
      path: '/things/{thingId}',
      operationId: 'peekThing',
      tags: ['Things'],
      summary: 'Whether a thing exists',
      access: 'members',
      responses: { 200: { description: 'It exists.' } },
      errors: [errors.imageNotFound],
    });
    const responses = routeConfig(peek, { security: [], errors: [] }).responses;
    expect(responses['404']).toEqual({
      description: `No body (HEAD).\n- \`IMAGE.NOT_FOUND\`: ${errors.imageNotFound.description}`,
    });
    expect(responses['500']).not.toHaveProperty('content');
  });

  it('when a handler replies, then its reply is typed by the declared responses', () => {
    expectTypeOf<Reply<typeof renameThing>>().toEqualTypeOf<
      | { status: 200; body: { thingId: string; name: string }; headers?: Record<string, string> }
      | { status: 204; headers?: Record<string, string> }
    >();
  });
});
