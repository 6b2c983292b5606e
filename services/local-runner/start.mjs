/**
 * `npm start`: runs the local runner (src/main.ts) from a bundle of its TypeScript, rebuilt only when a source it
 * was built from changed. Loading ~300 TypeScript modules through a transforming loader costs about twice the CPU
 * of loading one bundle, and after a crash that start-up is most of the time to recovery on a busy machine.
 *
 * The bundle (workspace sources only; packages stay in node_modules and load as usual, dynamic imports stay lazy)
 * lives in node_modules/.cache/local-runner/<fingerprint>/, beside a stamp listing each input's size and mtime:
 * checking it is one stat per input. Concurrent starts may both build; each builds into its own directory and the
 * first rename wins. `node --import tsx services/local-runner/src/main.ts` runs the sources directly.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';
import { BUNDLE_URL_MODULES, workerEntryPoints } from '../../scripts/worker-entries.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = join(ROOT, 'services/local-runner/src/main.ts');
const CACHE = join(ROOT, 'node_modules/.cache/local-runner');
const STAMP = join(CACHE, 'stamp.json');
/** Changes with the build options below: a new launcher never runs an old bundle. */
const BUILD_VERSION = '2';
/** Read at build time besides the bundled sources: package exports and compiler options. */
const EXTRA_INPUTS = [
  'tsconfig.json',
  'package.json',
  'shared/package.json',
  'services/local-runner/start.mjs',
  'scripts/worker-entries.mjs',
];
/** Bundles other runs may still be loading lazy chunks from are kept this long. */
const KEEP_OLD_MS = 24 * 3600_000;

const fingerprint = async (inputs) =>
  Promise.all(
    inputs.map(async (path) => {
      const s = await stat(join(ROOT, path)).catch(() => null);
      return s ? `${path}:${s.size}:${Math.trunc(s.mtimeMs)}` : `${path}:missing`;
    }),
  );

async function upToDate() {
  const stamp = JSON.parse(await readFile(STAMP, 'utf8').catch(() => 'null'));
  if (stamp?.version !== BUILD_VERSION) return null;
  const current = await fingerprint(stamp.inputs);
  if (current.join('\n') !== stamp.fingerprint.join('\n')) return null;
  const main = join(CACHE, stamp.dir, 'main.mjs');
  return (await stat(main).catch(() => null)) ? main : null;
}

async function rebuild() {
  const { build, stop } = await import('esbuild');
  const started = Date.now();
  const temp = join(CACHE, `build-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    // Worker threads load their entry from a file: each is bundled beside main.mjs (scripts/worker-entries.mjs).
    entryPoints: {
      main: ENTRY,
      ...workerEntryPoints(ROOT),
    },
    outdir: temp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    keepNames: true,
    tsconfig: join(ROOT, 'tsconfig.json'),
    metafile: true,
    logLevel: 'warning',
    plugins: [workspaceOnly],
  });
  // esbuild's service process would otherwise live as long as the runner.
  await stop();
  const inputs = [...Object.keys(result.metafile.inputs), ...EXTRA_INPUTS].sort();
  const print = await fingerprint(inputs);
  const dir = createHash('sha256').update(BUILD_VERSION).update(print.join('\n')).digest('hex').slice(0, 16);
  await rename(temp, join(CACHE, dir)).catch(async (err) => {
    // Another start built the same sources first.
    if (!['ENOTEMPTY', 'EEXIST'].includes(err.code)) throw err;
    await rm(temp, { recursive: true, force: true });
  });
  // A source saved while the build ran may not be in it: no stamp then, so the next start builds again.
  const settled = (await Promise.all(inputs.map((p) => stat(join(ROOT, p)).catch(() => null)))).every(
    (s) => !s || s.mtimeMs < started - 1000,
  );
  if (settled) {
    const stampTemp = `${STAMP}.${process.pid}`;
    await writeFile(stampTemp, JSON.stringify({ version: BUILD_VERSION, dir, inputs, fingerprint: print }));
    await rename(stampTemp, STAMP);
  }
  await pruneOld(dir);
  return join(CACHE, dir, 'main.mjs');
}

/**
 * Workspace TypeScript is bundled; packages are left to node_modules. Each module keeps its own import.meta.url
 * (the apps' and the repository's paths are found from it), not the bundle's, except BUNDLE_URL_MODULES.
 */
const workspaceOnly = {
  name: 'workspace-only',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@photo/') ? undefined : { path: args.path, external: true },
    );
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (relative(ROOT, args.path).startsWith('node_modules')) return undefined;
      const source = await readFile(args.path, 'utf8');
      const ownUrl = BUNDLE_URL_MODULES.includes(relative(ROOT, args.path).split('\\').join('/'));
      return {
        loader: 'ts',
        contents: ownUrl
          ? source
          : source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        resolveDir: dirname(args.path),
      };
    });
  },
};

async function pruneOld(keep) {
  for (const name of await readdir(CACHE)) {
    if (name === keep || name === 'stamp.json' || name.startsWith('stamp.json.')) continue;
    const path = join(CACHE, name);
    const pid = /^build-(\d+)$/.exec(name)?.[1];
    const s = await stat(path).catch(() => null);
    const stale = pid ? !alive(Number(pid)) : s && Date.now() - s.mtimeMs > KEEP_OLD_MS;
    if (stale) await rm(path, { recursive: true, force: true });
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

await mkdir(CACHE, { recursive: true });
const main = (await upToDate()) ?? (await rebuild());
// Stack traces name the TypeScript sources, as under tsx.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(main).href);
