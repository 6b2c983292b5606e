import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/system-under-test';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.sqlite';

/** A child process that takes the lock, says so, and then waits to be killed. */
function holdInChild(dir: string) {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(require('node:path').join(process.argv[1], 'runner.lock'), { timeout: 0 });
    db.exec('BEGIN EXCLUSIVE');
    require('node:fs').writeFileSync(require('node:path').join(process.argv[1], 'runner.lock.json'),
      JSON.stringify({ pid: process.pid, startedAt: 'then', incarnation: 'child' }));
    process.stdout.write('held\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['-e', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const held = new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return { child, held };
}

describe('lockDataDir', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir('data-dir-lock-')));
  afterEach(() => dir.remove());

  it('when the directory is free, then the lock is taken with a fresh incarnation each time', () => {
    const first = lockDataDir(dir.dir);
    first.release();
    const second = lockDataDir(dir.dir);
    expect(second.incarnation).not.toBe(first.incarnation);
    expect(second.holder.pid).toBe(process.pid);
    second.release();
    second.release();
  });

  it('when a live process holds the directory, then a second lock is refused naming the holder', () => {
    const held = lockDataDir(dir.dir);
    try {
      expect(() => lockDataDir(dir.dir)).toThrow(DataDirInUseError);
      expect(() => lockDataDir(dir.dir)).toThrow(`in use by process ${process.pid}`);
    } finally {
      held.release();
    }
  });

  it('when the holder was killed with SIGKILL, then the lock is taken over at once', async () => {
    const { child, held } = holdInChild(dir.dir);
    await held;
    expect(() => lockDataDir(dir.dir)).toThrow(`in use by process ${child.pid}`);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const lock = lockDataDir(dir.dir);
    expect(lock.holder.pid).toBe(process.pid);
    lock.release();
  });
});
