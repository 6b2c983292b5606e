import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as TfjsModule from '@tensorflow/tfjs';
import type * as FaceApiModule from '@vladmandic/face-api/dist/face-api.node-wasm.js';

/**
 * face-api on TensorFlow.js's WASM backend, loaded once per process, lazily, and shared by every analyser: importing
 * tfjs and reading the four networks' weights takes about a second, and an analyser that is never used costs none.
 *
 * Nothing is downloaded, at install or at run time: the WASM binaries are read from @tensorflow/tfjs-backend-wasm's
 * dist/ folder (setWasmPaths with platform fetch off, so Emscripten reads the file rather than fetching a URL) and the
 * weights from @vladmandic/face-api's model/ folder (loadFromDisk reads files). Both come from the npm packages.
 */
export type FaceApi = typeof FaceApiModule;
export type Tfjs = typeof TfjsModule;

export interface FaceModels {
  faceapi: FaceApi;
  tf: Tfjs;
  /** Milliseconds the first load took (import, backend start, weights). */
  loadMs: number;
}

const require = createRequire(import.meta.url);

/** The folders the packages ship their binaries and weights in. */
export function packagedModelPaths(): { wasmDir: string; modelDir: string } {
  return {
    wasmDir: dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')),
    modelDir: join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model'),
  };
}

let loading: Promise<FaceModels> | null = null;

/** The loaded models; the first call loads them and every later (or concurrent) call shares that load. */
export function loadFaceModels(): Promise<FaceModels> {
  loading ??= load().catch((err: unknown) => {
    loading = null; // a failed load may be retried by the next analysis
    throw err;
  });
  return loading;
}

async function load(): Promise<FaceModels> {
  const started = performance.now();
  const { wasmDir, modelDir } = packagedModelPaths();
  const tf = (await import('@tensorflow/tfjs')) as unknown as Tfjs;
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const faceapi = (await import('@vladmandic/face-api/dist/face-api.node-wasm.js')) as unknown as FaceApi;
  wasm.setWasmPaths(`${wasmDir}/`, false);
  if (!(await tf.setBackend('wasm'))) throw new Error('the TensorFlow.js WASM backend did not start');
  await tf.ready();
  await Promise.all([
    faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir),
    faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir),
    faceapi.nets.faceExpressionNet.loadFromDisk(modelDir),
    faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir),
  ]);
  return { faceapi, tf, loadMs: performance.now() - started };
}
