#!/usr/bin/env node
/**
 * Keeps in node_modules only what a service's bundle loads at run time, as its image's last step before the runtime
 * stage copies node_modules (services/Dockerfile):
 *
 *   node scripts/prune-runtime-deps.mjs <dist/package.json> [<node_modules dir>]
 *
 * The kept set is the packages the bundle leaves external (the dependencies build-service.mjs wrote into
 * dist/package.json) and everything they depend on, found through package-lock.json as Node resolves it (nested
 * node_modules first, then each parent's). Everything else goes, the workspace links included: the bundle holds them.
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The lockfile paths (`node_modules/a`, `node_modules/a/node_modules/b`) of `names` and their dependencies. */
export function runtimeClosure(lock, names) {
  const packages = lock.packages;
  const kept = new Set();
  const resolveFrom = (from, name) => {
    for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
      const path = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (packages[path]) return path;
      if (!dir) return null;
    }
  };
  const visit = (from, name, optional) => {
    const path = resolveFrom(from, name);
    if (!path) {
      if (optional) return;
      throw new Error(`${name} (needed by ${from || 'the bundle'}) is not in package-lock.json`);
    }
    if (kept.has(path)) return;
    kept.add(path);
    const entry = packages[path];
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(path, dep, false);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(path, dep, true);
    for (const dep of Object.keys(entry.peerDependencies ?? {}))
      visit(path, dep, entry.peerDependenciesMeta?.[dep]?.optional ?? false);
  };
  for (const name of names) visit('', name, false);
  return kept;
}

/** Removes every top-level package of `nodeModules` outside `kept` (nested ones go or stay with their parent). */
export function prune(nodeModules, kept) {
  const top = new Set([...kept].map((p) => p.split('/node_modules/')[0].replace(/^node_modules\//, '')));
  for (const entry of readdirSync(nodeModules)) {
    const names = entry.startsWith('@')
      ? readdirSync(join(nodeModules, entry)).map((n) => `${entry}/${n}`)
      : [entry];
    for (const name of names)
      if (!top.has(name)) rmSync(join(nodeModules, name), { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [manifest, nodeModules = join(ROOT, 'node_modules')] = process.argv.slice(2);
  if (!manifest) {
    process.stderr.write('usage: node scripts/prune-runtime-deps.mjs <dist/package.json> [<node_modules>]\n');
    process.exit(2);
  }
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const kept = runtimeClosure(
    lock,
    Object.keys(JSON.parse(readFileSync(manifest, 'utf8')).dependencies ?? {}),
  );
  prune(nodeModules, kept);
  process.stdout.write(`node_modules: ${kept.size} packages kept\n`);
}
