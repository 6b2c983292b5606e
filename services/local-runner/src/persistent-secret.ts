import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomToken } from '@photo/shared/security/hashing';

/** A secret generated on first start and kept in the data directory, so QR codes stay valid across restarts. */
export async function persistentSecret(dataDir: string, name: string): Promise<string> {
  const file = join(dataDir, 'identity', name);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomToken(256);
    await mkdir(join(dataDir, 'identity'), { recursive: true });
    await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
    return (await readFile(file, 'utf8')).trim();
  }
}
