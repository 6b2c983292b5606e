import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the worker-thread entry `name` (a module beside this one, `<name>.ts`) is, in each way the code runs:
 * - from the TypeScript sources (tsx, vitest): the `.ts` file itself, loaded through tsx in the thread;
 * - from a bundle (`npm start`'s, built by services/local-runner/start.mjs, or a service's image, built by
 *   scripts/build-service.mjs): the entry bundled beside it, `<name>.mjs` or `<name>.js` as the bundle's own files.
 * Both bundlers list the entries in scripts/worker-entries.mjs, and leave this module's `import.meta.url` as the
 * bundle's: that URL is how it tells the ways apart.
 */
export function workerEntry(name: string): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  const ext = extname(new URL(here).pathname);
  if (ext === '.ts') {
    return { filename: fileURLToPath(new URL(`./${name}.ts`, here)), execArgv: ['--import', 'tsx'] };
  }
  return { filename: fileURLToPath(new URL(`./${name}${ext}`, here)), execArgv: [] };
}
