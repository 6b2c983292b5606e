import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RateLimiter } from '../ports/rate-limiter.port';
import { createBaseApp } from './base-app';
import { silentLogger } from './logger';
import { rateLimit } from './rate-limit';
import { startServer, type RunningServer } from './server';

/** Counts in memory: enough to see which rule's headers an answer carries. */
function memoryLimiter(): RateLimiter {
  const counts = new Map<string, number>();
  return {
    hit(key, limit, windowSeconds, now) {
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return Promise.resolve({
        allowed: count <= limit,
        remaining: Math.max(0, limit - count),
        resetAt: new Date(now.getTime() + windowSeconds * 1000),
      });
    },
  };
}

describe('a call counted by two rules', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const deps = { limiter: memoryLimiter(), clock: { now: () => new Date() } };
    const routes = Router();
    routes.post(
      '/both',
      rateLimit(deps, { name: 'wide', limit: 10, windowSeconds: 60 }, () => 'everyone'),
      rateLimit(deps, { name: 'narrow', limit: 3, windowSeconds: 60 }, () => 'me'),
      (_req, res) => void res.status(204).end(),
    );
    routes.post(
      '/reversed',
      rateLimit(deps, { name: 'narrow-first', limit: 3, windowSeconds: 60 }, () => 'me'),
      rateLimit(deps, { name: 'wide-second', limit: 10, windowSeconds: 60 }, () => 'everyone'),
      (_req, res) => void res.status(204).end(),
    );
    const app = createBaseApp({
      logger: silentLogger(),
      projectId: null,
      readiness: {},
      isDraining: () => false,
      routes: [routes],
    });
    server = await startServer(app, { port: 0, host: '127.0.0.1', logger: silentLogger(), name: 'test' });
  });
  afterAll(() => server.close());

  it.each(['/both', '/reversed'])(
    'when the call passes both rules (%s), then its headers are those of the rule closest to refusing it',
    async (path) => {
      const res = await fetch(`${server.url}${path}`, { method: 'POST' });
      expect(res.status).toBe(204);
      expect(res.headers.get('ratelimit-limit')).toBe('3');
      expect(res.headers.get('ratelimit-remaining')).toBe('2');
    },
  );
});
