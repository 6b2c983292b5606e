import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { paletteRepositoryContract } from '../../ports/contracts/palette-repository.contract';
import { tempDir } from '../../testing/system-under-test';
import { openDatabase } from './database';
import { MIGRATIONS } from './migrations';
import { SqlitePaletteRepository } from './palette-repository.sqlite';

paletteRepositoryContract('sqlite', async () => {
  const temp = await tempDir();
  const db = openDatabase(`${temp.dir}/test.db`);
  return {
    repo: new SqlitePaletteRepository(db),
    teardown: async () => {
      db.close();
      await temp.remove();
    },
  };
});

it('when a database from before palette links is opened, then each palette is linked to its own version', async () => {
  const temp = await tempDir();
  const file = `${temp.dir}/before.db`;
  const old = new Database(file);
  old.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.name !== '008-palette-links')) {
    old.exec(m.sql);
    old.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(m.name, 0);
  }
  old
    .prepare(
      `INSERT INTO palettes (palette_id, image_id, version, k, algorithm, colours, created_at)
       VALUES ('pal_000000000000000000000001', 'img_00000000000000000001', 2, 1, 'kmeans-lab@1', '[]', 1000)`,
    )
    .run();
  old.close();

  const db = openDatabase(file);
  try {
    expect(await new SqlitePaletteRepository(db).forImage('img_00000000000000000001', 2)).toMatchObject({
      paletteId: 'pal_000000000000000000000001',
      version: 2,
      createdAt: new Date(1000),
    });
  } finally {
    db.close();
    await temp.remove();
  }
});
