import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { guardProcess } from './process-guards';

const FIXTURE = fileURLToPath(new URL('./fixtures/guarded-server.ts', import.meta.url));

function memoryLogger() {
  const lines: { severity: string; message: string; origin?: string; err?: { message: string } }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
      done();
    },
  });
  return { logger: createLogger({ level: 'info' }, sink), lines };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('guardProcess', () => {
  it('when an error escapes a request, then it is logged at CRITICAL with its origin and the process does not exit', async () => {
    const { logger, lines } = memoryLogger();
    const target = new EventEmitter();
    const exits: number[] = [];
    guardProcess(logger, { target, exit: (code) => exits.push(code) });
    target.emit('uncaughtException', new Error('Unexpected end of form'));
    target.emit('unhandledRejection', new Error('nobody awaited this'));
    await tick();
    expect(exits).toEqual([]);
    expect(lines).toMatchObject([
      { severity: 'CRITICAL', origin: 'uncaughtException', err: { message: 'Unexpected end of form' } },
      { severity: 'CRITICAL', origin: 'unhandledRejection', err: { message: 'nobody awaited this' } },
    ]);
  });

  it('when errors keep escaping past the budget, then the process exits with 1 for a restart', async () => {
    const { logger, lines } = memoryLogger();
    const target = new EventEmitter();
    const exits: number[] = [];
    guardProcess(logger, { target, maxErrors: 3, windowMs: 60_000, exit: (code) => exits.push(code) });
    for (let i = 0; i < 3; i++) target.emit('uncaughtException', new Error(`e${i}`));
    expect(exits).toEqual([]);
    target.emit('uncaughtException', new Error('e3'));
    await tick();
    expect(exits).toEqual([1]);
    expect(lines.at(-1)!.message).toMatch(/exiting for a restart/);
  });

  it('when it is installed twice on one process, then each error is logged once', async () => {
    const { logger, lines } = memoryLogger();
    const target = new EventEmitter();
    guardProcess(logger, { target, exit: () => undefined });
    guardProcess(logger, { target, exit: () => undefined });
    target.emit('uncaughtException', new Error('once'));
    await tick();
    expect(lines).toHaveLength(1);
  });

  /** Starts the fixture server, calls `path`, then asks /healthz; answers whether the process still served. */
  async function survives(guarded: boolean, path: string): Promise<{ healthy: boolean; stdout: string }> {
    // Node itself with tsx's loader, not the tsx command: that one runs the script in a grandchild which a kill
    // of the child would leave running.
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, ...(guarded ? ['--guarded'] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /URL (\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.once('exit', () => reject(new Error(`the fixture exited early: ${stdout}`)));
    });
    try {
      expect((await fetch(`${url}${path}`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const healthy = await fetch(`${url}/healthz`).then(
        (res) => res.status === 200,
        () => false,
      );
      return { healthy, stdout };
    } finally {
      child.kill('SIGKILL');
    }
  }

  it('when a request-scoped stream error escapes in a guarded server, then the server keeps serving', async () => {
    const { healthy, stdout } = await survives(true, '/leak');
    expect(healthy).toBe(true);
    expect(stdout).toMatch(/"severity":"CRITICAL".*Unexpected end of form/);
    expect((await survives(true, '/reject')).healthy).toBe(true);
  }, 30_000);

  it('when the same error escapes in an unguarded server, then Node exits (what the guard prevents)', async () => {
    expect((await survives(false, '/leak')).healthy).toBe(false);
  }, 30_000);
});
