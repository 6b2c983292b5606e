import { paletteRepositoryContract } from '../../ports/contracts/palette-repository.contract';
import { tempDir } from '../../testing/system-under-test';
import { openDatabase } from './database';
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
