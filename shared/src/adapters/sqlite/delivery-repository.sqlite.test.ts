import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliveryRepositoryContract } from '../../ports/contracts/delivery-repository.contract';
import { openDatabase } from './database';
import { SqliteDeliveryRepository } from './delivery-repository.sqlite';

deliveryRepositoryContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'deliveries-'));
  const db = openDatabase(join(dir, 'test.db'));
  const teardown = async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { deliveries: new SqliteDeliveryRepository(db), teardown };
});
