import express from 'express';
import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from './logger';
import { startServer, type RunningServer } from './server';

/** A GET over `agent`, resolving with the status once the whole body is read. */
function get(agent: Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startServer close', () => {
  let agent: Agent;
  let running: RunningServer | null = null;
  afterEach(async () => {
    agent.destroy();
    await running?.close(0);
    running = null;
  });

  it('when a kept-alive request is in flight at close, then it is answered and the drain ends with it, not at the grace', async () => {
    const app = express();
    app.get('/slow', (_req, res) => void setTimeout(() => res.json({ ok: true }), 200));
    running = await startServer(app, { port: 0, host: '127.0.0.1', logger: silentLogger(), name: 'test' });
    agent = new Agent({ keepAlive: true });
    expect(await get(agent, `${running.url}/slow`)).toBe(200); // the connection is now kept alive and idle

    const answered = get(agent, `${running.url}/slow`);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    const closed = running.close(10_000);
    expect(await answered).toBe(200);
    await closed;
    running = null;
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
