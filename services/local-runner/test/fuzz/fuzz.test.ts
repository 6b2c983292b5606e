import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '@photo/backend-api/http/openapi';
import { pngBomb } from '@photo/shared/testing/images';
import { checkResponse, serviceContracts } from '../contract/response-contract';
import { startHarness, type Harness } from '../harness';
import { createParticipant, json } from '../support';
import { fuzzSettings, liveBytes } from './fuzz-settings';
import { decodesFully, imageSeeds, mutatedImage, type ImageSeed } from './image-mutations';
import { multipartCase, multipartOf } from './multipart-mutations';
import { asResponse, sendRaw, type RawAnswer, type RawRequest } from './raw-http';
import { badRequest, operationsOf, type FuzzRequest, type OperationInfo } from './request-arbitraries';

/**
 * Our own fuzzing: generated bad input against the whole embedded system on port 0. Every answer is documented for
 * its operation (status and body, by the response contract) and never a 5xx; the server stays up and healthy; no bad
 * image is ever stored; memory returns near its baseline. A fixed seed here; `npm run fuzz` for a long random run.
 */
const settings = fuzzSettings();
// A long run takes as long as it takes; in CI each property has five minutes at most.
const timeout = settings.long ? 86_400_000 : 300_000;
const runs = (n: number) => Math.max(1, Math.round(n * settings.scale));
const counted: Record<string, number> = {};
const started = Date.now();

const params = (name: string, numRuns: number): fc.Parameters<unknown> => ({
  seed: settings.seed,
  numRuns,
  // A network case is slow to shrink: in a long run shrink to the smallest failure, in CI report the first one.
  endOnFailure: !settings.long,
  interruptAfterTimeLimit: settings.long ? undefined : 60_000,
  reporter: (details) => {
    counted[name] = details.numRuns;
    if (details.failed)
      throw new Error(
        `${name} failed after ${details.numRuns} cases (replay with FUZZ_SEED=${settings.seed}):\n` +
          `${'errorInstance' in details && details.errorInstance instanceof Error ? details.errorInstance.message : String(details.failed)}\n` +
          `counterexample (start): ${fc.stringify(details.counterexample).slice(0, 300)}`,
      );
  },
});

describe('fuzzing: bad input never crashes the system and never gets in', () => {
  let h: Harness;
  let operator: string;
  let staff: string;
  let participantToken: string;
  let validIds: Record<string, string>;
  let seeds: ImageSeed[];
  let baseline: number;
  const backendDoc = buildOpenApiDocument();
  const contract = serviceContracts().backend;
  // Mounted only in the cloud composition (Pub/Sub push): the embedded system answers it as an unknown route.
  const operations = operationsOf(backendDoc).filter((op) => op.path !== '/pubsub/push');

  beforeAll(async () => {
    console.log(
      `fuzz: seed ${settings.seed}, scale ${settings.scale}${settings.long ? ' (long run)' : ''}; replay with FUZZ_SEED=${settings.seed}`,
    );
    // The rate limits are tested on their own; here they would turn the later cases' uploads into 429s.
    h = await startHarness({
      env: {
        RATE_UPLOADS_PER_MINUTE: '0',
        RATE_UPLOADS_PER_ADDRESS_PER_MINUTE: '0',
        RATE_IMAGE_URLS_PER_MINUTE: '0',
      },
    });
    operator = await h.token('operator');
    staff = await h.token('staff');
    seeds = await imageSeeds();
    const someone = await createParticipant(h, operator, 'Fuzz Target');
    participantToken = someone.participantToken;
    const upload = await h.api('/images', {
      method: 'POST',
      token: operator,
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array(seeds[0]!.bytes),
    });
    const imageId = ((await upload.json()) as { images: { imageId: string }[] }).images[0]!.imageId;
    validIds = {
      visitorId: someone.participant.visitorId,
      imageId,
      intentId: 'up_aaaaaaaaaaaaaaaaaaaa',
      id: 'dl_aaaaaaaaaaaaaaaaaaaa',
      notificationId: 'ntf_aaaaaaaaaaaaaaaaaaaa',
      token: 'A'.repeat(43),
    };
    await h.settle();
    baseline = liveBytes();
  }, 120_000);

  afterAll(async () => {
    const total = Object.values(counted).reduce((a, b) => a + b, 0);
    console.log(
      `fuzz: ${total} cases in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${settings.seed}): ` +
        Object.entries(counted)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
    );
    await h?.stop();
  });

  const tokenFor = (op: OperationInfo): string | null => {
    if (op.security.length === 0) return null;
    if (op.security.some((s) => 'operatorToken' in s)) return operator;
    return participantToken;
  };

  /** Sends one request; checks the answer against the contract and that it is no 5xx. */
  async function send(raw: RawRequest, what: string): Promise<RawAnswer | null> {
    const answer = await sendRaw(h.system.urls.backend, raw);
    if (!answer) return null;
    const body = answer.body.toString('utf8').slice(0, 300);
    expect(
      answer.status,
      `${what}: ${raw.method} ${raw.path.slice(0, 200)} answered ${answer.status} ${body}`,
    ).toBeLessThan(500);
    // Node's HTTP parser refuses a request line or headers over its limit (16 kB) with a bare 431 before any app
    // code runs: a protocol answer, not an operation's.
    if (answer.status === 431 && !answer.headers.has('x-request-id')) return answer;
    await checkResponse(contract, raw.method, `${h.system.urls.backend}${raw.path}`, asResponse(answer));
    return answer;
  }

  async function healthy(): Promise<void> {
    const res = await fetch(`${h.system.urls.backend}/readyz`);
    expect(res.status, 'the backend is ready').toBe(200);
  }

  it(
    'when every operation gets bad paths, queries, headers, bodies and content types, then each answer is documented and none is a 5xx',
    async () => {
      const arbitrary = fc
        .constantFrom(...operations)
        .chain((op) => badRequest(op, backendDoc, validIds)) as fc.Arbitrary<FuzzRequest>;
      await fc.assert(
        fc.asyncProperty(arbitrary, async (req) => {
          const token = tokenFor(req.operation);
          const answer = await send(
            {
              method: req.method,
              path: req.path,
              headers: { ...req.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
              ...(req.body ? { body: req.body } : {}),
            },
            `${req.operation.operationId}: ${req.what}`,
          );
          expect(
            answer,
            `${req.operation.operationId}: ${req.what}: the connection was dropped`,
          ).not.toBeNull();
        }),
        params('operations', runs(1400)),
      );
      await healthy();
    },
    timeout,
  );

  it(
    'when a staff photo or an event image arrives as a mutated JPEG, PNG, WebP or AVIF, then no bad image is stored',
    async () => {
      const { participant } = await createParticipant(h, operator, 'Photo Fuzz');
      let version = 0;
      const newestEventImage = async () =>
        (await h.system.adapters.images.list({ kind: 'event' }, { limit: 1, after: null })).items[0]?.imageId;
      const arbitrary = fc
        .record({
          seed: fc.constantFrom(...seeds),
          route: fc.constantFrom('photo', 'images'),
          declared: fc.constantFrom('true', 'image/jpeg', 'image/png', 'image/webp'),
          chunked: fc.boolean(),
          keyed: fc.boolean(),
        })
        .chain((c) => mutatedImage(c.seed).map((mutation) => ({ ...c, mutation })));
      let n = 0;
      await fc.assert(
        fc.asyncProperty(arbitrary, async (c) => {
          n++;
          const contentType = c.declared === 'true' ? c.seed.contentType : c.declared;
          const before = c.route === 'images' ? await newestEventImage() : null;
          const path =
            c.route === 'photo'
              ? `/participants/${participant.visitorId}/photo?expectedVersion=${version}`
              : '/images';
          const answer = await send(
            {
              method: c.route === 'photo' ? 'PUT' : 'POST',
              path,
              headers: {
                authorization: `Bearer ${c.route === 'photo' ? staff : operator}`,
                'content-type': contentType,
                ...(c.keyed ? { 'idempotency-key': `fuzz-key-${n}-${settings.seed}` } : {}),
              },
              body: c.mutation.bytes,
              ...(c.chunked ? { chunkSize: 777 } : {}),
            },
            `${c.seed.format} ${c.mutation.name} to ${c.route}`,
          );
          expect(answer, `${c.seed.format} ${c.mutation.name}: the connection was dropped`).not.toBeNull();
          const stored = answer!.status === 200 || answer!.status === 201;
          if (stored) {
            expect(
              await decodesFully(c.mutation.bytes),
              `a bad image was stored with ${answer!.status}: ${c.seed.format} ${c.mutation.name} to ${c.route}`,
            ).toBe(true);
            if (c.route === 'photo' && answer!.status === 201) version++;
          }
          if (c.route === 'photo') {
            const image = await h.system.adapters.images.get(participant.photoImageId);
            expect(image?.currentVersion ?? 0, 'the photo version moves only for a stored image').toBe(
              version,
            );
          } else if (!stored) {
            expect(await newestEventImage(), 'no event image appears for a refused upload').toBe(before);
          }
        }),
        params('images', runs(300)),
      );
      await healthy();
    },
    timeout,
  );

  it(
    'when a multipart body is broken (unterminated, no boundary, cut anywhere), over a Content-Length or chunked, then a documented 4xx and the system stays up',
    async () => {
      const arbitrary = fc.record({
        form: multipartCase(seeds.filter((s) => s.format !== 'avif')),
        chunkSize: fc.option(fc.integer({ min: 1, max: 4096 }), { nil: undefined }),
      });
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ form, chunkSize }) => {
          const answer = await send(
            {
              method: 'POST',
              path: '/images',
              headers: { authorization: `Bearer ${operator}`, 'content-type': form.contentType },
              body: form.body,
              ...(chunkSize ? { chunkSize } : {}),
            },
            `multipart ${form.name}`,
          );
          expect(answer, `multipart ${form.name}: the connection was dropped`).not.toBeNull();
          if (!form.valid) expect(answer!.status, `multipart ${form.name}`).toBeGreaterThanOrEqual(400);
          await healthy();
        }),
        params('multipart', runs(160)),
      );
    },
    timeout,
  );

  it(
    'when uploads are aborted part-way (raw, multipart, chunked), then the system stays up and nothing is stored',
    async () => {
      const { participant } = await createParticipant(h, operator, 'Abort Fuzz');
      const arbitrary = fc.record({
        seed: fc.constantFrom(...seeds.filter((s) => s.format !== 'avif')),
        multipart: fc.boolean(),
        chunked: fc.boolean(),
        fraction: fc.double({ min: 0, max: 0.95, noNaN: true }),
      });
      await fc.assert(
        fc.asyncProperty(arbitrary, async (c) => {
          const boundary = 'fuzzabort';
          const body = c.multipart ? multipartOf(boundary, [c.seed]) : c.seed.bytes;
          await sendRaw(h.system.urls.backend, {
            method: c.multipart ? 'POST' : 'PUT',
            path: c.multipart ? '/images' : `/participants/${participant.visitorId}/photo`,
            headers: {
              authorization: `Bearer ${c.multipart ? operator : staff}`,
              'content-type': c.multipart ? `multipart/form-data; boundary=${boundary}` : c.seed.contentType,
            },
            body,
            abortAfter: Math.floor(body.length * c.fraction),
            ...(c.chunked ? { chunkSize: 512 } : {}),
          });
          await healthy();
          const image = await h.system.adapters.images.get(participant.photoImageId);
          expect(image?.currentVersion ?? 0, 'an aborted photo upload stores nothing').toBe(0);
        }),
        params('aborted', runs(80)),
      );
    },
    timeout,
  );

  it(
    'when an image decodes to far more pixels than allowed (pixel bombs), then 422 or 413 and nothing is stored',
    async () => {
      const { participant } = await createParticipant(h, operator, 'Bomb Fuzz');
      const arbitrary = fc.record({
        width: fc.integer({ min: 9_000, max: 20_000 }),
        height: fc.integer({ min: 9_000, max: 20_000 }),
        route: fc.constantFrom('photo', 'images'),
      });
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ width, height, route }) => {
          const answer = await send(
            {
              method: route === 'photo' ? 'PUT' : 'POST',
              path: route === 'photo' ? `/participants/${participant.visitorId}/photo` : '/images',
              headers: {
                authorization: `Bearer ${route === 'photo' ? staff : operator}`,
                'content-type': 'image/png',
              },
              body: pngBomb(width, height),
            },
            `pixel bomb ${width}x${height}`,
          );
          expect([413, 422], `pixel bomb ${width}x${height} answered ${answer?.status}`).toContain(
            answer?.status,
          );
          const image = await h.system.adapters.images.get(participant.photoImageId);
          expect(image?.currentVersion ?? 0).toBe(0);
        }),
        params('pixel bombs', runs(6)),
      );
    },
    timeout,
  );

  it('when the fuzzing is over, then the system is healthy, still serves a good request, and memory is back near its baseline', async () => {
    await healthy();
    const res = await h.api('/participants', {
      method: 'POST',
      token: operator,
      ...json({ displayName: 'After' }),
    });
    expect(res.status).toBe(201);
    await h.settle();
    const now = liveBytes();
    // Loose: caches, pools and lazily loaded code may stay; a leak of every request's body would not fit.
    expect(
      now,
      `live memory ${(now / 2 ** 20).toFixed(0)} MB vs baseline ${(baseline / 2 ** 20).toFixed(0)} MB`,
    ).toBeLessThan(baseline * 1.5 + 96 * 2 ** 20);
  }, 120_000);
});
