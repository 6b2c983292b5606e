#!/usr/bin/env node
/**
 * Bundles one or more services for their containers:
 *
 *   node scripts/build-service.mjs <service> [<service> ...]
 *
 * services/<service>/src/main.ts → services/<service>/dist/main.js (+ main.js.map, + a package.json marking it ESM,
 * + the worker-thread entries of scripts/worker-entries.mjs beside it): one file with the workspace's TypeScript (`@photo/shared/*` resolves to .ts sources) and its pure-JS dependencies
 * inlined. Packages with native code, or too heavy to be worth bundling, stay external: the runtime image installs
 * them from package-lock.json (see services/Dockerfile).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { workerEntryPoints } from './worker-entries.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Left out of the bundle. sharp and better-sqlite3 load native addons; the Google Cloud clients read their proto
 * files from disk at run time; auth0 and google-auth-library are large and only needed in the cloud; tfjs ships
 * native bindings and weights loaders.
 */
export const EXTERNALS = [
  'sharp',
  'better-sqlite3',
  // Starts its threads from its own worker file in node_modules.
  'piscina',
  '@google-cloud/*',
  'google-auth-library',
  'auth0',
  '@tensorflow/*',
  // Read from node_modules at run time: its model weights (model/) sit beside it, and it requires tfjs itself.
  '@vladmandic/face-api',
];

/**
 * Bundled CommonJS modules call `require` (and some read `__filename`/`__dirname`), which ESM lacks. The aliases are
 * unlikely names so they cannot collide with a bundled module's own top-level `createRequire` import.
 */
const BANNER = [
  "import { createRequire as __bundleCreateRequire } from 'node:module';",
  "import { fileURLToPath as __bundleFileURLToPath } from 'node:url';",
  "import { dirname as __bundleDirname } from 'node:path';",
  'const require = __bundleCreateRequire(import.meta.url);',
  'const __filename = __bundleFileURLToPath(import.meta.url);',
  'const __dirname = __bundleDirname(__filename);',
].join('\n');

/** esbuild's options for one service's bundle: its main.ts and the worker-thread entries, beside each other. */
export function serviceBuildOptions(service) {
  if (!/^[a-z0-9-]+$/.test(service)) throw new Error(`Not a service name: ${service}`);
  const serviceDir = join(ROOT, 'services', service);
  const entry = join(serviceDir, 'src', 'main.ts');
  if (!existsSync(entry)) throw new Error(`No entry point: ${relative(ROOT, entry)}`);
  return {
    absWorkingDir: ROOT,
    // Worker-thread entries beside main.js, whether or not this service starts threads: each is small and a service
    // that does finds its entry there (shared/src/adapters/threads/worker-entry.ts).
    entryPoints: {
      main: entry,
      ...workerEntryPoints(ROOT),
    },
    outdir: join(serviceDir, 'dist'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    sourcemap: true,
    // Readable stack traces in Cloud Logging matter more than a few hundred KB of image size.
    minify: false,
    keepNames: true,
    external: EXTERNALS,
    banner: { js: BANNER },
    tsconfig: join(ROOT, 'tsconfig.json'),
    metafile: true,
    logLevel: 'warning',
  };
}

/**
 * What a service's bundle reaches from its main.ts: the sources and packages bundled into it, and the packages it
 * leaves external (node_modules must hold them). A worker-thread entry counts only when main starts its threads.
 */
export function reachedBy(metafile, service) {
  const outputs = Object.entries(metafile.outputs);
  const mainOut = outputs.find(([, o]) => o.entryPoint?.endsWith(`services/${service}/src/main.ts`));
  const workerEntry = 'shared/src/adapters/threads/worker-entry.ts';
  const startsThreads = !!mainOut && workerEntry in mainOut[1].inputs;
  const reached = outputs.filter(
    ([path, o]) => o === mainOut?.[1] || (startsThreads && !path.endsWith('.map') && o.entryPoint),
  );
  const packageOf = (path) =>
    path
      .split('/')
      .slice(0, path.startsWith('@') ? 2 : 1)
      .join('/');
  return {
    inputs: reached.flatMap(([, o]) => Object.keys(o.inputs)),
    externals: [
      ...new Set(
        reached.flatMap(([, o]) =>
          o.imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => packageOf(i.path)),
        ),
      ),
    ].sort(),
  };
}

/** Builds one service; resolves to the output file. */
export async function buildService(service) {
  const options = serviceBuildOptions(service);
  const result = await build(options);
  const outfile = join(options.outdir, 'main.js');
  const { externals } = reachedBy(result.metafile, service);
  // The bundle is ESM in a .js file: the nearest package.json must say so (the image has no other one above it). Its
  // dependencies are what the image's node_modules keeps (scripts/prune-runtime-deps.mjs), at the lockfile's versions.
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const dependencies = Object.fromEntries(
    externals.map((name) => [name, lock.packages[`node_modules/${name}`]?.version ?? '*']),
  );
  writeFileSync(
    join(options.outdir, 'package.json'),
    `${JSON.stringify({ type: 'module', dependencies }, null, 2)}\n`,
  );
  const output = result.metafile.outputs[relative(ROOT, outfile).split('\\').join('/')];
  const kb = Math.round((output?.bytes ?? 0) / 1024);
  process.stdout.write(
    `${relative(ROOT, outfile)}  ${kb} KB  external: ${externals.join(', ') || '(none)'}\n`,
  );
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const services = process.argv.slice(2);
  if (services.length === 0) {
    process.stderr.write('usage: node scripts/build-service.mjs <service> [<service> ...]\n');
    process.exit(2);
  }
  try {
    for (const service of services) await buildService(service);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
