import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  DEFAULT_FACE_API_OPTIONS,
  FaceApiFaceAnalyzer,
} from '@photo/shared/adapters/face-api/face-analyzer.face-api';
import { loadFaceModels } from '@photo/shared/adapters/face-api/face-models';
import { SharpImageInspector } from '@photo/shared/adapters/sharp/image-inspector.sharp';
import { faceSelfie, type SampleFace } from '@photo/shared/testing/face-samples';
import { tempDir } from '@photo/shared/testing/system-under-test';
import type { BenchContext, Benchmark, Table } from './lib/benchmark';

/** Selfies as a phone app sends them after its own resize: 800 px wide, one face, from face-api's sample photos. */
const FACES: SampleFace[] = ['fair', 'dark', 'bow'];
const SIDE = 800;

interface Phase {
  label: string;
  run(path: string): Promise<unknown>;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Runs `phase` over the selfies in turn for the measured seconds, after the warm-up; latencies in ms. */
async function measure(ctx: BenchContext, phase: Phase, paths: string[]): Promise<number[]> {
  const until = (seconds: number) => performance.now() + seconds * 1000;
  let i = 0;
  for (const end = until(ctx.warmupSeconds); performance.now() < end && !ctx.signal.aborted;)
    await phase.run(paths[i++ % paths.length]!);
  const times: number[] = [];
  for (const end = until(ctx.seconds); performance.now() < end && !ctx.signal.aborted;) {
    const started = performance.now();
    await phase.run(paths[i++ % paths.length]!);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export const faceAnalysisBenchmark: Benchmark = {
  name: 'face-analysis',
  title: `local face analyser (face-api on TensorFlow.js WASM) per ${SIDE} px selfie, beside its detector alone and a sharp decode`,
  async run(ctx) {
    const temp = await tempDir('bench-faces-');
    try {
      const paths: string[] = [];
      for (const face of FACES) {
        const path = join(temp.dir, `${face}.jpg`);
        await writeFile(path, await faceSelfie(face, { width: SIDE }));
        paths.push(path);
      }
      // Cold: the process's first analysis loads tfjs, the WASM backend and four networks' weights, then runs once.
      const full = new FaceApiFaceAnalyzer();
      const coldStarted = performance.now();
      await full.analyze(paths[0]!);
      const coldMs = performance.now() - coldStarted;
      const { loadMs, tf } = await loadFaceModels();

      const inspector = new SharpImageInspector();
      const detector = new FaceApiFaceAnalyzer({ ...DEFAULT_FACE_API_OPTIONS, detectOnly: true });
      const phases: Phase[] = [
        {
          label: `floor: sharp decode + resize to ${DEFAULT_FACE_API_OPTIONS.maxSide} px RGB`,
          run: (path) =>
            sharp(path)
              .rotate()
              .resize(DEFAULT_FACE_API_OPTIONS.maxSide, DEFAULT_FACE_API_OPTIONS.maxSide, { fit: 'inside' })
              .raw()
              .toBuffer(),
        },
        { label: 'detector only (SSD MobileNet v1)', run: (path) => detector.analyze(path) },
        {
          label: 'analyser: detector + landmarks + expressions + descriptor',
          run: (path) => full.analyze(path),
        },
        {
          label: '/emotion work: inspect (decode every pixel) + analyser',
          run: async (path) => {
            await inspector.inspect(path, { maxPixels: 25_000_000, allowedTypes: ['image/jpeg'] });
            return full.analyze(path);
          },
        },
      ];
      const rows: Table['rows'] = [];
      for (const phase of phases) {
        if (ctx.signal.aborted) break;
        ctx.log(phase.label);
        const times = await measure(ctx, phase, paths);
        const mean = times.reduce((a, b) => a + b, 0) / times.length;
        rows.push({
          label: phase.label,
          cells: [
            String(times.length),
            percentile(times, 50).toFixed(1),
            percentile(times, 95).toFixed(1),
            mean.toFixed(1),
          ],
        });
      }
      return {
        notes: [
          `model load (import tfjs, start the WASM backend, read 4 networks' weights from node_modules): ${loadMs.toFixed(0)} ms, once per process`,
          `first analysis in the process, load included: ${coldMs.toFixed(0)} ms`,
          `backend ${tf.getBackend()}; selfies: ${FACES.length} single-face crops of face-api's demo photos at ${SIDE} px wide, in turn; one analysis at a time (the analyser serialises)`,
        ],
        table: { columns: ['n', 'p50 ms', 'p95 ms', 'mean ms'], rows },
      };
    } finally {
      await temp.remove();
    }
  },
};
