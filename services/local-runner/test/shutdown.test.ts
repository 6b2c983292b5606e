import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '@photo/shared/testing/system-under-test';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/**
 * tsx itself rather than `npx tsx`: npx runs it through `sh -c`, and a SIGTERM sent to npx kills npx and that shell
 * without reaching tsx, so the runner would be orphaned and its exit code never seen. tsx relays the signal to the
 * runner and exits with its code, as a process manager would see it.
 */
const TSX = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

/** A port nothing listens on right now: listen on 0, note the port, close. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Resolves with what `child` printed on stdout once it prints `text`; rejects if it exits first. */
function printed(child: ChildProcess, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(text)) resolve(out);
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code, signal) =>
      reject(new Error(`exited (${code ?? signal}) before printing ${text}:\n${out}\n${err}`)),
    );
  });
}

/** An operator token from the dev identity provider, with the client secret the banner prints. */
async function operatorToken(banner: string, identity: string): Promise<string> {
  const body = /-d '(\{"grant_type":"client_credentials","client_id":"operator"[^']*)'/.exec(banner)?.[1];
  if (!body) throw new Error(`no operator token command in:\n${banner}`);
  const res = await fetch(`${identity}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('the local runner as a process (tsx services/local-runner/src/main.ts)', () => {
  let data: Awaited<ReturnType<typeof tempDir>>;
  let child: ChildProcess;
  let backend: string;
  let identity: string;
  let banner: string;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  beforeAll(async () => {
    data = await tempDir();
    const [backendPort, imageServerPort, identityPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    backend = `http://127.0.0.1:${backendPort}`;
    identity = `http://127.0.0.1:${identityPort}`;
    child = spawn(process.execPath, [TSX, 'services/local-runner/src/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATA_DIR: data.dir,
        HOST: '127.0.0.1',
        BACKEND_PORT: String(backendPort),
        IMAGE_SERVER_PORT: String(imageServerPort),
        IDENTITY_PORT: String(identityPort),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = once(child, 'exit').then(([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
    }));
    // main.ts prints its banner once every server listens.
    banner = await printed(child, 'Stop with Ctrl-C');
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    await data.remove();
  });

  it('when it is running, then /healthz and /readyz answer 200', async () => {
    const health = await fetch(`${backend}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${backend}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });

  it('when it gets SIGTERM with an upload events stream open, then the stream ends and it exits 0 well within the 10 s grace', async () => {
    const token = await operatorToken(banner, identity);
    const requested = await fetch(`${backend}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fileName: 'stage.png', contentType: 'image/png', size: 100, purpose: 'event' }),
    });
    expect(requested.status).toBe(201);
    const { upload } = (await requested.json()) as { upload: { intentId: string } };
    const events = await fetch(`${backend}/uploads/${upload.intentId}/events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const reader = events.body!.getReader();
    // The upload is pending (nothing was PUT): its stream stays open until the server ends it.
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('retry: 3000');
    const streamEnded = (async () => {
      while (!(await reader.read()).done);
      return 'ended';
    })().catch(() => 'cut');

    const started = Date.now();
    child.kill('SIGTERM');
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no exit within 15 s')), 15_000).unref(),
    );
    expect(await Promise.race([exited, timeout])).toEqual({ code: 0, signal: null });
    // The server's grace period is 10 s: an open stream that drain did not end would hold the exit that long.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await streamEnded).toBe('ended');
    await expect(fetch(`${backend}/healthz`)).rejects.toThrow();
  }, 20_000);
});
