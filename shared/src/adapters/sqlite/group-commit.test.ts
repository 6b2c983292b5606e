import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from './database';
import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  let db: SqliteDatabase;
  let commits: GroupCommit;
  beforeEach(() => {
    db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
    commits = new GroupCommit(db);
  });
  afterEach(() => db.close());

  const insert = (k: string) => () => db.prepare('INSERT INTO t (k) VALUES (?)').run(k).changes;
  const keys = () => db.prepare('SELECT k FROM t ORDER BY k').pluck().all();

  it('when calls are made in one turn, then they commit in one transaction and each gets its own result', async () => {
    let transactions = 0;
    const original = db.transaction.bind(db);
    db.transaction = ((fn: () => unknown) => {
      transactions++;
      return original(fn);
    }) as typeof db.transaction;
    const results = await Promise.all(['a', 'b', 'c'].map((k) => commits.run(insert(k))));
    expect(results).toEqual([1, 1, 1]);
    expect(transactions).toBe(1);
    expect(keys()).toEqual(['a', 'b', 'c']);
  });

  it('when nothing has committed yet, then the promise has not settled', async () => {
    let settled = false;
    const pending = commits.run(insert('a')).then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(keys()).toEqual([]);
    await pending;
    expect(keys()).toEqual(['a']);
  });

  it('when one call of a batch throws, then only that call fails and the others are stored', async () => {
    const outcomes = await Promise.allSettled([
      commits.run(insert('a')),
      commits.run(insert('a')),
      commits.run(insert('b')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(keys()).toEqual(['a', 'b']);
  });
});
