import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventBusContract } from '../../ports/contracts/event-bus.contract';
import { silentLogger } from '../../http/logger';
import { systemClock } from '../../ports/common';
import { openDatabase } from './database';
import { EmbeddedEventBus } from './event-bus.sqlite';

eventBusContract('sqlite', {
  gaps: {},
  patienceMs: 5_000,
  setup: async (subscriptions) => {
    const dir = await mkdtemp(join(tmpdir(), 'bus-contract-'));
    const db = openDatabase(join(dir, 'bus.sqlite'));
    // A hundredth of the real schedule: a 1 s backoff takes 10 ms, a 10 s ack deadline 100 ms. A running handler's
    // lease is extended for at most 30 s (300 ms), so the contract's handler that outlives its lease does so quickly.
    const bus = new EmbeddedEventBus(
      db,
      subscriptions.map((s) => s.spec),
      {
        clock: systemClock,
        logger: silentLogger(),
        pollIntervalMs: 5,
        backoffScale: 0.01,
        leaseScale: 0.01,
        maxLeaseExtensionSeconds: 30,
      },
    );
    for (const { spec, handler } of subscriptions) bus.subscribe(spec.name, handler);
    return {
      publisher: bus,
      teardown: async () => {
        await bus.close();
        db.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
});
