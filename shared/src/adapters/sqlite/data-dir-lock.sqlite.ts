import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Who holds a data directory, as the holder wrote it down (for the message a second runner prints). */
export interface DataDirHolder {
  pid: number;
  startedAt: string;
  incarnation: string;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirHolder | null,
  ) {
    const who = holder ? `process ${holder.pid}, running since ${holder.startedAt}` : 'another process';
    super(
      `The data directory ${dataDir} is in use by ${who}. Only one runner may use a data directory: ` +
        'stop the other one, or point DATA_DIR elsewhere.',
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  /** Names this run of the process: the bus writes it into the leases it takes. */
  readonly incarnation: string;
  readonly holder: DataDirHolder;
  /** Lets the next runner in; safe to call twice. */
  release(): void;
}

/**
 * Takes the data directory for this process, or throws DataDirInUseError. The lock is an exclusive SQLite
 * transaction held open on `runner.lock`: an fcntl lock that the kernel drops the moment the process ends, however it
 * ends (kill -9 included), so a stale lock never outlives its process and no timeout or PID check is needed.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'runner.lock'), { timeout: 0 });
  const holderFile = join(dataDir, 'runner.lock.json');
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY')
      throw new DataDirInUseError(dataDir, readHolder(holderFile));
    throw err;
  }
  const holder: DataDirHolder = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    incarnation: randomUUID(),
  };
  writeFileSync(holderFile, JSON.stringify(holder));
  let held = true;
  return {
    incarnation: holder.incarnation,
    holder,
    release() {
      if (!held) return;
      held = false;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

function readHolder(file: string): DataDirHolder | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DataDirHolder;
  } catch {
    return null;
  }
}
