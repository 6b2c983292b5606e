import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import {
  newGrant,
  oneTimeTokenRepositoryContract,
} from '../../ports/contracts/one-time-token-repository.contract';
import { openDatabase } from './database';
import { SqliteOneTimeTokenRepository } from './one-time-token-repository.sqlite';

async function openTempDatabase() {
  const dir = await mkdtemp(join(tmpdir(), 'tokens-'));
  const file = join(dir, 'test.db');
  const db = openDatabase(file);
  const teardown = async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { db, file, teardown };
}

oneTimeTokenRepositoryContract('sqlite', async () => {
  const { db, teardown } = await openTempDatabase();
  return { repo: new SqliteOneTimeTokenRepository(db), teardown };
});

/** A process that opens the database, says ready, and on "go" consumes every token, printing the outcomes. */
const CONSUMER = `
const [database, adapter, file, now, ...hashes] = process.argv.slice(1);
const { openDatabase } = await import(database);
const { SqliteOneTimeTokenRepository } = await import(adapter);
const repo = new SqliteOneTimeTokenRepository(openDatabase(file));
process.stdout.write('ready\\n');
process.stdin.once('data', async () => {
  const outcomes = [];
  for (const hash of hashes) outcomes.push((await repo.consume(hash, new Date(Number(now)))).outcome);
  process.stdout.write(JSON.stringify(outcomes) + '\\n', () => process.exit(0));
});
`;

it('when processes sharing the database race for the same tokens, then each token is granted exactly once', async () => {
  const { db, file, teardown } = await openTempDatabase();
  const children: ChildProcessWithoutNullStreams[] = [];
  try {
    const repo = new SqliteOneTimeTokenRepository(db);
    const grants = Array.from({ length: 100 }, () => newGrant());
    for (const grant of grants) await repo.create(grant);
    const modules = ['./database.ts', './one-time-token-repository.sqlite.ts'].map(
      (m) => new URL(m, import.meta.url).href,
    );
    const now = String(grants[0]!.createdAt.getTime() + 1);
    const args = [...modules, file, now, ...grants.map((g) => g.tokenHash)];
    for (let i = 0; i < 4; i++) {
      children.push(
        spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CONSUMER, ...args]),
      );
      children.at(-1)!.stderr.pipe(process.stderr);
    }
    const lines = children.map((child) => createInterface({ input: child.stdout })[Symbol.asyncIterator]());
    await Promise.all(lines.map((line) => line.next()));
    for (const child of children) child.stdin.write('go\n');
    const outcomes = await Promise.all(
      lines.map(async (line) => JSON.parse((await line.next()).value) as string[]),
    );

    grants.forEach((_, i) => {
      const perToken = outcomes.map((o) => o[i]).sort();
      expect(perToken).toEqual(['granted', 'used', 'used', 'used']);
    });
  } finally {
    for (const child of children) child.kill();
    await teardown();
  }
});
