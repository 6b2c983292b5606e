import { SUBSCRIPTIONS } from '@photo/shared/events/topology';
import { parseConfig } from '@photo/shared/config/parse-config';
import { silentLogger } from '@photo/shared/http/logger';
import { systemClock, type Clock } from '@photo/shared/ports/common';
import { tempDir } from '@photo/shared/testing/system-under-test';
import { localRunnerConfigSchema } from '../src/config';
import { startSystem, type RunningSystem } from '../src/system';

export interface Harness {
  system: RunningSystem;
  dataDir: string;
  /** fetch against the backend with an optional bearer token. */
  api(path: string, init?: RequestInit & { token?: string | undefined }): Promise<Response>;
  token(role: 'operator' | 'staff'): Promise<string>;
  /** Waits until every bus subscription has delivered what it holds. */
  settle(): Promise<void>;
  stop(keepData?: boolean): Promise<void>;
}

/** The whole embedded system on free ports in a temp data directory, with the bus's schedule sped up. */
export async function startHarness(options: { env?: Record<string, string>; clock?: Clock; dataDir?: string } = {}): Promise<Harness> {
  const temp = options.dataDir ? null : await tempDir();
  const dataDir = options.dataDir ?? temp!.dir;
  const config = parseConfig(localRunnerConfigSchema, {
    DATA_DIR: dataDir,
    BACKEND_PORT: '0',
    IMAGE_SERVER_PORT: '0',
    IDENTITY_PORT: '0',
    // Small posters keep the pipeline tests quick; the default is A4 at 300 dpi.
    ARTWORK_WIDTH: '620',
    ARTWORK_HEIGHT: '877',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const system = await startSystem({
    config,
    logger: silentLogger(),
    clock: options.clock ?? systemClock,
    bus: { pollIntervalMs: 20, timeScale: 0.001 },
    streamRecheckMs: 200,
  });
  return {
    system,
    dataDir,
    api(path, init = {}) {
      const { token, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      return fetch(`${system.urls.backend}${path}`, { ...rest, headers });
    },
    token: (role) => system.idp.accessToken({ role, subject: `test|${role}`, audience: system.audience }),
    settle: () => system.adapters.bus.drained(SUBSCRIPTIONS.map((s) => s.name), 60_000),
    async stop(keepData = false) {
      await system.stop();
      if (!keepData) await temp?.remove();
    },
  };
}
