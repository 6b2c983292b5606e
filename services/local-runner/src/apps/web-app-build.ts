import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@photo/shared/http/logger';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
/** Where a build records the hash of the sources it was built from. */
const HASH_FILE = '.source-hash';
const SKIP = new Set(['node_modules', 'dist', '.DS_Store']);

/** The sources an app's build depends on: its own directory and the shared browser package. */
const sourceRoots = (appDir: string) => [appDir, join(REPO, 'shared/web'), join(REPO, 'package-lock.json')];

/** A hash of every source file's path and bytes: a change anywhere makes the built app stale. */
export async function sourceHash(appDir: string): Promise<string> {
  const hash = createHash('sha256');
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path);
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((n) => !SKIP.has(n) && !n.startsWith('dist.')).sort();
      for (const name of names) await visit(join(path, name));
    } else {
      hash
        .update(relative(REPO, path))
        .update('\0')
        .update(await readFile(path))
        .update('\0');
    }
  };
  for (const root of sourceRoots(appDir)) await visit(root);
  return hash.digest('hex');
}

const builtHash = (distDir: string) => readFile(join(distDir, HASH_FILE), 'utf8').catch(() => null);

/**
 * Builds the app with Vite's JS API when its dist/ is missing or was built from other sources. Several processes
 * (parallel test files) may ask at once: one builds under a lock directory, into a fresh directory swapped in at
 * the end, while the others wait and then find the new build.
 */
export async function ensureBuilt(appDir: string, logger: Logger): Promise<string> {
  const distDir = join(appDir, 'dist');
  const wanted = await sourceHash(appDir);
  if ((await builtHash(distDir)) === wanted) return distDir;
  const lock = join(appDir, 'dist.lock');
  await acquireBuildLock(lock);
  try {
    if ((await builtHash(distDir)) === wanted) return distDir;
    // What a builder killed mid-build left.
    for (const name of await readdir(appDir)) {
      const builder = /^dist\.(?:build|old)-(\d+)$/.exec(name)?.[1];
      if (builder && !alive(Number(builder))) await rm(join(appDir, name), { recursive: true, force: true });
    }
    const started = Date.now();
    const temp = join(appDir, `dist.build-${process.pid}`);
    const { build } = await import('vite');
    await build({
      configFile: join(appDir, 'vite.config.ts'),
      // Loads the config through Vite's module runner (TypeScript imports without extensions, no warning).
      configLoader: 'runner',
      logLevel: 'warn',
      build: { outDir: temp, emptyOutDir: true },
    });
    await writeFile(join(temp, HASH_FILE), wanted);
    const old = join(appDir, `dist.old-${process.pid}`);
    await rename(distDir, old).catch(() => undefined);
    await rename(temp, distDir);
    await rm(old, { recursive: true, force: true });
    logger.info({ app: relative(REPO, appDir), ms: Date.now() - started }, 'web app built');
    return distDir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/**
 * mkdir is atomic: whoever creates the directory holds the lock, and names itself in it. A lock whose builder is no
 * longer alive (killed mid-build) is taken over at once; one that names no builder yet (killed between the mkdir and
 * the write) once it is older than 5 minutes.
 */
export async function acquireBuildLock(lock: string): Promise<void> {
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => 'NaN'));
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if ((Number.isInteger(holder) && holder > 0 && !alive(holder)) || age > 300_000)
        await rm(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
