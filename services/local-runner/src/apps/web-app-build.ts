import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@photo/shared/http/logger';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
/** Where a build records the hash of the sources it was built from. */
const HASH_FILE = '.source-hash';
/** Beside it: each source's size and mtime when it was last found to match, so a check reads no file. */
const STAMP_FILE = '.source-stamp';
const SKIP = new Set(['node_modules', 'dist', '.DS_Store']);
/** Tests sit beside the code but are no part of a build: editing one makes no app stale. */
const TEST_FILE = /\.test\.tsx?$/;

/** The sources an app's build depends on: its own directory and the shared browser package. */
const sourceRoots = (appDir: string) => [appDir, join(REPO, 'shared/web'), join(REPO, 'package-lock.json')];

/** Every source file of the app's build, in a stable order. */
async function sourceFiles(roots: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path);
    if (!info.isDirectory()) return void files.push(path);
    const names = (await readdir(path))
      .filter((n) => !SKIP.has(n) && !n.startsWith('dist.') && !TEST_FILE.test(n))
      .sort();
    for (const name of names) await visit(join(path, name));
  };
  for (const root of roots) await visit(root);
  return files;
}

/** A hash of every source file's path and bytes: a change anywhere makes the built app stale. */
export async function sourceHash(appDir: string, roots = sourceRoots(appDir)): Promise<string> {
  const hash = createHash('sha256');
  for (const path of await sourceFiles(roots))
    hash
      .update(relative(REPO, path))
      .update('\0')
      .update(await readFile(path))
      .update('\0');
  return hash.digest('hex');
}

/** Each source's path, size and mtime: one stat per file. */
async function sourceStamp(roots: readonly string[]): Promise<string> {
  const files = await sourceFiles(roots);
  const lines = await Promise.all(
    files.map(async (path) => {
      const info = await stat(path);
      return `${relative(REPO, path)}\t${info.size}\t${Math.trunc(info.mtimeMs)}`;
    }),
  );
  return lines.join('\n');
}

const builtHash = (distDir: string) => readFile(join(distDir, HASH_FILE), 'utf8').catch(() => null);

/**
 * Whether dist/ was built from the current sources. The stamp answers without reading a source; when it differs
 * (a file touched, a checkout) the content hash decides, and a match renews the stamp instead of rebuilding.
 */
export async function isBuilt(appDir: string, roots = sourceRoots(appDir)): Promise<boolean> {
  const distDir = join(appDir, 'dist');
  const stamp = await sourceStamp(roots);
  if ((await readFile(join(distDir, STAMP_FILE), 'utf8').catch(() => null)) === stamp) return true;
  const built = await builtHash(distDir);
  if (built === null || built !== (await sourceHash(appDir, roots))) return false;
  await writeFile(join(distDir, STAMP_FILE), stamp).catch(() => undefined);
  return true;
}

/**
 * Builds the app with Vite's JS API when its dist/ is missing or was built from other sources. Several processes
 * (parallel test files) may ask at once: one builds under a lock directory, into a fresh directory swapped in at
 * the end, while the others wait and then find the new build.
 */
export async function ensureBuilt(appDir: string, logger: Logger): Promise<string> {
  const distDir = join(appDir, 'dist');
  if (await isBuilt(appDir)) return distDir;
  const lock = join(appDir, 'dist.lock');
  await acquireBuildLock(lock);
  try {
    // Read before the build: a source saved while it runs leaves this build stale.
    const stamp = await sourceStamp(sourceRoots(appDir));
    const wanted = await sourceHash(appDir);
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
    await writeFile(join(temp, STAMP_FILE), stamp);
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

/** Removes what a builder this process stopped left behind: its build directory, and the lock if it held it. */
export async function removeBuildLitter(appDir: string, pid: number): Promise<void> {
  await rm(join(appDir, `dist.build-${pid}`), { recursive: true, force: true });
  const lock = join(appDir, 'dist.lock');
  if ((await readFile(join(lock, 'pid'), 'utf8').catch(() => null)) === String(pid))
    await rm(lock, { recursive: true, force: true });
}
