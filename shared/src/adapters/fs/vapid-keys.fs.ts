import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { generateVapidKeys, type VapidKeys } from '../web-push/push-sender.web-push';

const keysFile = z.object({ publicKey: z.string().min(80), privateKey: z.string().min(40) });

/**
 * The VAPID key pair of the embedded default: generated on first start and kept in the data directory, so
 * subscriptions the app registered (against the public key) keep working across restarts.
 */
export async function loadOrCreateVapidKeys(file: string): Promise<VapidKeys> {
  try {
    return keysFile.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(file), { recursive: true });
  // 'wx': if another process created it first, keep theirs.
  await writeFile(file, JSON.stringify(generateVapidKeys()), { mode: 0o600, flag: 'wx' }).catch(
    () => undefined,
  );
  return keysFile.parse(JSON.parse(await readFile(file, 'utf8')));
}
