import { parseConfig } from '@photo/shared/config/parse-config';
import { silentLogger } from '@photo/shared/http/logger';
import { systemClock } from '@photo/shared/ports/common';
import { tempDir } from '@photo/shared/testing/system-under-test';
import { localRunnerConfigSchema } from '@photo/local-runner/config';
import { startSystem, type RunningSystem } from '@photo/local-runner/system';

export interface BenchSystem {
  system: RunningSystem;
  dataDir: string;
  /** Stops the system, then deletes its data directory. */
  stop(): Promise<void>;
}

/**
 * The whole embedded system as `npm start` runs it (real bus timings, silent logs) on free loopback ports, in a
 * temp data directory of its own.
 */
export async function startBenchSystem(env: Record<string, string> = {}): Promise<BenchSystem> {
  const temp = await tempDir('event-photo-bench-');
  try {
    const config = parseConfig(localRunnerConfigSchema, {
      DATA_DIR: temp.dir,
      HOST: '127.0.0.1',
      BACKEND_PORT: '0',
      IMAGE_SERVER_PORT: '0',
      IDENTITY_PORT: '0',
      LOG_LEVEL: 'silent',
      ...env,
    });
    const system = await startSystem({ config, logger: silentLogger(), clock: systemClock });
    return {
      system,
      dataDir: temp.dir,
      async stop() {
        try {
          await system.stop();
        } finally {
          await temp.remove();
        }
      },
    };
  } catch (err) {
    await temp.remove();
    throw err;
  }
}
