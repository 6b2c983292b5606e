import { join } from 'node:path';

/**
 * Worker-thread entries, each bundled beside the bundle's main module under its name (start.mjs for `npm start`,
 * build-service.mjs for the images): shared/src/adapters/threads/worker-entry.ts finds them there by name.
 */
export const WORKER_ENTRIES = {
  'image-clusterer.worker': 'shared/src/adapters/threads/image-clusterer.worker.ts',
};

/** Modules that must see their bundle's own `import.meta.url` (not their source's): they find the entries from it. */
export const BUNDLE_URL_MODULES = ['shared/src/adapters/threads/worker-entry.ts'];

/** esbuild entry points for the entries above, from the repository root. */
export const workerEntryPoints = (root) =>
  Object.fromEntries(Object.entries(WORKER_ENTRIES).map(([name, path]) => [name, join(root, path)]));
