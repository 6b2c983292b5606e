import { createLogger } from '@photo/shared/http/logger';
import { ensureBuilt } from './web-app-build';

/**
 * `node --import tsx build-app.ts <appDir>`: builds one web app when stale. The runner starts it as a process of
 * its own at low priority once the APIs serve, so a build neither delays a restart nor stalls the runner's requests.
 */
const appDir = process.argv[2];
if (!appDir) throw new Error('usage: build-app.ts <appDir>');
await ensureBuilt(appDir, createLogger({ level: 'info' }));
