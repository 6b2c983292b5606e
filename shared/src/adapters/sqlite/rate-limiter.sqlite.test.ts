import { rateLimiterContract } from '../../ports/contracts/rate-limiter.contract';
import { openDatabase } from './database';
import { SqliteRateLimiter } from './rate-limiter.sqlite';

rateLimiterContract('sqlite', async () => {
  const db = openDatabase(':memory:');
  return {
    limiter: new SqliteRateLimiter(db),
    teardown: async () => {
      db.close();
    },
  };
});
