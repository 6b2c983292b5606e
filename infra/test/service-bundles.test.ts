import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { reachedBy, serviceBuildOptions } from '../../scripts/build-service.mjs';
import { runtimeClosure } from '../../scripts/prune-runtime-deps.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: object };

/** What each production entry must not reach, in its bundle or in the packages it leaves to node_modules. */
const HEAVY = {
  sqlite: /better-sqlite3|adapters\/sqlite\//,
  tensorflow: /@tensorflow|face-api/,
  sharp: /(^|\/)sharp(\/|$)|@img\/|adapters\/sharp\//,
};
const FORBIDDEN: Record<string, (keyof typeof HEAVY)[]> = {
  'backend-api': ['sqlite', 'tensorflow', 'sharp'],
  'notification-worker': ['sqlite', 'tensorflow', 'sharp'],
  'image-server': ['sqlite', 'tensorflow'],
  'upload-pipeline': ['sqlite', 'tensorflow'],
  'clustering-worker': ['sqlite', 'tensorflow'],
  'generation-worker': ['sqlite', 'tensorflow'],
  'processing-worker': ['sqlite', 'tensorflow'],
  'gallery-api': ['sqlite'],
};

/** The production bundle of `service` as services/Dockerfile builds it, in memory: what main.ts reaches. */
async function reached(service: string) {
  const result = await build({ ...serviceBuildOptions(service), write: false, sourcemap: false });
  const { inputs, externals } = reachedBy(result.metafile!, service);
  const installed = [...runtimeClosure(lock, externals)];
  return { inputs, externals, installed };
}

describe("each Cloud Run service's bundle", () => {
  it.each(Object.entries(FORBIDDEN))(
    'when %s is bundled for its image, then neither the bundle nor the packages its image keeps hold %j',
    async (service, forbidden) => {
      const { inputs, externals, installed } = await reached(service);
      expect(inputs.some((i) => i.endsWith(`services/${service}/src/compose.ts`))).toBe(true);
      for (const kind of forbidden) {
        const pattern = HEAVY[kind];
        expect(
          inputs.filter((i) => pattern.test(i)),
          `${kind} in the bundle`,
        ).toEqual([]);
        expect(
          externals.filter((e) => pattern.test(e)),
          `${kind} left external`,
        ).toEqual([]);
        expect(
          installed.filter((p) => pattern.test(p)),
          `${kind} in the image's node_modules`,
        ).toEqual([]);
      }
    },
    60_000,
  );

  it('when the gallery and the image server are bundled, then the packages they use are kept for their images', async () => {
    const gallery = await reached('gallery-api');
    expect(gallery.externals).toEqual(expect.arrayContaining(['@vladmandic/face-api', 'sharp']));
    expect(gallery.installed).toContain('node_modules/@tensorflow/tfjs-backend-wasm');
    const imageServer = await reached('image-server');
    expect(imageServer.installed).toContain('node_modules/sharp');
  }, 60_000);
});
