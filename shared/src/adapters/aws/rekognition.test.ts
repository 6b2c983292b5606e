import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fakeAwsClientConfig,
  sigV4Pattern,
  startFakeAws,
  type AwsCall,
  type AwsReply,
} from '../../testing/fake-aws-server';
import { noisyJpeg } from '../../testing/images';
import { tempDir } from '../../testing/system-under-test';
import { RekognitionFaceAnalyzer } from './face-analyzer.rekognition';
import { RekognitionFaceIndex } from './face-index.rekognition';

describe('Rekognition adapters against a loopback server speaking awsJson1_1', () => {
  let reply: (call: AwsCall) => AwsReply = () => ({ body: {} });
  let fake: Awaited<ReturnType<typeof startFakeAws>>;
  let client: RekognitionClient;
  let temp: { dir: string; remove: () => Promise<void> };
  let selfie: string;
  let selfieBytes: Buffer;

  beforeAll(async () => {
    fake = await startFakeAws((call) => reply(call));
    client = new RekognitionClient(fakeAwsClientConfig(fake.endpoint));
    temp = await tempDir();
    selfieBytes = await noisyJpeg(400, 300);
    selfie = join(temp.dir, 'selfie.jpg');
    await writeFile(selfie, selfieBytes);
  });
  afterAll(async () => {
    client.destroy();
    await fake.close();
    await temp.remove();
  });

  const last = () => fake.calls.at(-1)!;

  it('when a selfie is analysed, then DetectFaces is signed, sends the bytes with ALL attributes, and maps emotions to expressions', async () => {
    reply = () => ({
      body: {
        FaceDetails: [
          {
            BoundingBox: { Left: 0.25, Top: 0.1, Width: 0.5, Height: 0.6 },
            Confidence: 99.5,
            Emotions: [
              { Type: 'CALM', Confidence: 80 },
              { Type: 'HAPPY', Confidence: 15 },
              { Type: 'FEAR', Confidence: 5 },
            ],
          },
        ],
      },
    });
    const faces = await new RekognitionFaceAnalyzer(client).analyze(selfie);
    expect(last().operation).toBe('RekognitionService.DetectFaces');
    expect(last().headers.authorization).toMatch(sigV4Pattern('rekognition'));
    expect(last().headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(last().body).toEqual({ Image: { Bytes: selfieBytes.toString('base64') }, Attributes: ['ALL'] });
    expect(faces).toEqual([
      {
        box: { x: 100, y: 30, width: 200, height: 180 },
        score: 0.995,
        expressions: { neutral: 0.8, happy: 0.15, fearful: 0.05 },
        descriptor: null,
      },
    ]);
  });

  it('when Rekognition cannot read the image, then the analyser answers IMAGE.INVALID; other failures DEPENDENCY.FAILED', async () => {
    reply = () => ({ errorType: 'InvalidImageFormatException', body: {} });
    await expect(new RekognitionFaceAnalyzer(client).analyze(selfie)).rejects.toMatchObject({
      code: 'IMAGE.INVALID',
    });
    reply = () => ({ status: 500, errorType: 'InternalServerError', body: {} });
    await expect(new RekognitionFaceAnalyzer(client).analyze(selfie)).rejects.toMatchObject({
      code: 'DEPENDENCY.FAILED',
      status: 502,
    });
  });

  const index = () => new RekognitionFaceIndex(client, { collectionId: 'gallery-faces', minSimilarity: 90 });
  const probe = () => ({ descriptor: null, imagePath: selfie });

  it('when a face is indexed, then IndexFaces sends the selfie with ExternalImageId = the user id and one face at most', async () => {
    reply = () => ({ body: { FaceRecords: [{ Face: { FaceId: 'f-1', ExternalImageId: 'gu_a' } }] } });
    await index().index({ userId: 'gu_a', probe: probe(), indexedAt: new Date(), expiresAt: new Date() });
    expect(last().operation).toBe('RekognitionService.IndexFaces');
    expect(last().headers.authorization).toMatch(sigV4Pattern('rekognition'));
    expect(last().body).toMatchObject({
      CollectionId: 'gallery-faces',
      ExternalImageId: 'gu_a',
      MaxFaces: 1,
      Image: { Bytes: selfieBytes.toString('base64') },
    });
  });

  it('when a face is searched, then SearchFacesByImage uses the threshold and the best match becomes a user and a distance', async () => {
    reply = () => ({
      body: { FaceMatches: [{ Similarity: 97.5, Face: { FaceId: 'f-1', ExternalImageId: 'gu_a' } }] },
    });
    const match = await index().search(probe(), new Date());
    expect(last().operation).toBe('RekognitionService.SearchFacesByImage');
    expect(last().body).toMatchObject({ CollectionId: 'gallery-faces', FaceMatchThreshold: 90, MaxFaces: 1 });
    expect(match?.userId).toBe('gu_a');
    expect(match?.distance).toBeCloseTo(0.025, 6);
    reply = () => ({ body: { FaceMatches: [] } });
    expect(await index().search(probe(), new Date())).toBeNull();
    reply = () => ({ errorType: 'InvalidParameterException', body: {} });
    expect(await index().search(probe(), new Date())).toBeNull();
  });

  it('when a user is deleted, then every page of ListFaces is read and only their faces go to DeleteFaces', async () => {
    reply = (call) => {
      if (call.operation === 'RekognitionService.ListFaces') {
        return call.body.NextToken
          ? { body: { Faces: [{ FaceId: 'f-3', ExternalImageId: 'gu_a' }] } }
          : {
              body: {
                Faces: [
                  { FaceId: 'f-1', ExternalImageId: 'gu_a' },
                  { FaceId: 'f-2', ExternalImageId: 'gu_b' },
                ],
                NextToken: 'page-2',
              },
            };
      }
      return { body: { DeletedFaces: (call.body.FaceIds as string[]) ?? [] } };
    };
    const before = fake.calls.length;
    expect(await index().deleteUser('gu_a')).toBe(2);
    const calls = fake.calls.slice(before);
    expect(calls.map((c) => c.operation)).toEqual([
      'RekognitionService.ListFaces',
      'RekognitionService.ListFaces',
      'RekognitionService.DeleteFaces',
    ]);
    expect(calls[2]!.body).toEqual({ CollectionId: 'gallery-faces', FaceIds: ['f-1', 'f-3'] });
  });
});
