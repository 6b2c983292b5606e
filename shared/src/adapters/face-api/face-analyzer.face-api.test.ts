import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { euclideanDistance, topExpression } from '../../domain/gallery';
import { faceSelfie, samplePhoto, type Reframe, type SampleFace } from '../../testing/face-samples';
import { flippedPng } from '../../testing/damaged-images';
import { noisyJpeg } from '../../testing/images';
import { tempDir } from '../../testing/system-under-test';
import { FaceApiFaceAnalyzer } from './face-analyzer.face-api';
import { loadFaceModels } from './face-models';

/** The gallery's default match threshold (see docs/configuration.md, GALLERY_FACE_MATCH_THRESHOLD). */
const THRESHOLD = 0.45;

describe('FaceApiFaceAnalyzer on the packaged models and sample photos', () => {
  const analyzer = new FaceApiFaceAnalyzer();
  const fetchSpy = vi.fn(() => Promise.reject(new Error('no network in the face analyser')));
  let temp: { dir: string; remove: () => Promise<void> };
  let files = 0;

  const selfieFile = async (face: SampleFace, reframe: Reframe = {}) => {
    const path = join(temp.dir, `selfie-${++files}.jpg`);
    await writeFile(path, await faceSelfie(face, reframe));
    return path;
  };
  const descriptorOf = async (face: SampleFace, reframe: Reframe = {}) => {
    const faces = await analyzer.analyze(await selfieFile(face, reframe));
    expect(faces).toHaveLength(1);
    return faces[0]!.descriptor!;
  };

  beforeAll(async () => {
    temp = await tempDir();
    vi.stubGlobal('fetch', fetchSpy);
    await analyzer.warmUp();
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await temp.remove();
  });

  it('when the models load and analyse, then nothing is fetched: the WASM and weights come from node_modules', async () => {
    await analyzer.analyze(await selfieFile('fair'));
    expect(fetchSpy).not.toHaveBeenCalled();
    const { tf } = await loadFaceModels();
    expect(tf.getBackend()).toBe('wasm');
  });

  it('when a group photo is analysed, then every face comes back with a box, expressions and a 128-d descriptor', async () => {
    const faces = await analyzer.analyze(samplePhoto(1));
    expect(faces).toHaveLength(3);
    for (const face of faces) {
      expect(face.descriptor).toHaveLength(128);
      expect(face.score).toBeGreaterThan(0.5);
      // Boxes are in the original (1920 px wide) image's pixels, not the analysed 800 px copy's.
      expect(face.box.x + face.box.width).toBeLessThanOrEqual(1920);
      expect(face.box.width).toBeGreaterThan(120);
      const sum = Object.values(face.expressions).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 2);
    }
  });

  it('when a single face is cut out, then one face is found and its expression reads as happy', async () => {
    const faces = await analyzer.analyze(await selfieFile('fair'));
    expect(faces).toHaveLength(1);
    expect(topExpression(faces[0]!.expressions)).toMatchObject({ expression: 'happy' });
    expect(topExpression(faces[0]!.expressions).confidence).toBeGreaterThan(0.9);
  });

  it('when the same person is re-framed, resized and re-lit, then the descriptors stay under the threshold', async () => {
    const first = await descriptorOf('fair');
    const reframed = await descriptorOf('fair', {
      margin: 0.3,
      shiftX: 0.15,
      shiftY: -0.1,
      width: 480,
      brightness: 0.7,
    });
    const wider = await descriptorOf('fair', { margin: 1, width: 640, brightness: 1.3 });
    expect(euclideanDistance(first, reframed)).toBeLessThan(THRESHOLD - 0.15);
    expect(euclideanDistance(first, wider)).toBeLessThan(THRESHOLD - 0.15);
  });

  it('when two different people are compared, then their descriptors are beyond the threshold', async () => {
    const fair = await descriptorOf('fair');
    const dark = await descriptorOf('dark', { margin: 0.35, shiftX: -0.1, width: 500, brightness: 0.75 });
    const bow = await descriptorOf('bow');
    expect(euclideanDistance(fair, dark)).toBeGreaterThan(THRESHOLD + 0.1);
    expect(euclideanDistance(fair, bow)).toBeGreaterThan(THRESHOLD + 0.1);
    expect(euclideanDistance(dark, bow)).toBeGreaterThan(THRESHOLD + 0.1);
  });

  it('when an image has no face, then the answer is an empty list', async () => {
    const path = join(temp.dir, 'noise.jpg');
    await writeFile(path, await noisyJpeg(320, 240));
    expect(await analyzer.analyze(path)).toEqual([]);
  });

  it('when the file cannot be decoded, then the analyser refuses it with IMAGE.INVALID, not a crash', async () => {
    const png = await sharp(await noisyJpeg(200, 150, 4))
      .png()
      .toBuffer();
    const path = join(temp.dir, 'damaged.png');
    await writeFile(path, flippedPng(png, { fixCrc: true }));
    await expect(analyzer.analyze(path)).rejects.toMatchObject({ code: 'IMAGE.INVALID', status: 422 });
  });

  it('when analyses run concurrently and repeatedly, then they all answer and no tensor leaks', async () => {
    const { tf } = await loadFaceModels();
    const path = await selfieFile('bow');
    await analyzer.analyze(path);
    const before = tf.memory().numTensors;
    const results = await Promise.all([
      analyzer.analyze(path),
      analyzer.analyze(path),
      analyzer.analyze(path),
    ]);
    expect(results.map((r) => r.length)).toEqual([1, 1, 1]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
