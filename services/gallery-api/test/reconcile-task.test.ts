import { PubSub, type Message } from '@google-cloud/pubsub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudEnvSchema } from '@photo/shared/config/cloud-env';
import { parseConfig } from '@photo/shared/config/parse-config';
import { cloudHost } from '@photo/shared/composition/cloud-service';
import { openFirestoreGallery } from '@photo/shared/composition/gallery';
import { galleryObjectAdded } from '@photo/shared/events/catalog';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import type { StoredFaceIndex } from '@photo/shared/ports/face-index.port';
import { cloudSuitesEnabled, emulatorHosts, uniqueProjectId } from '@photo/shared/testing/emulators';
import { startFakeGcsServer, type FakeGcsServer } from '@photo/shared/testing/fake-gcs-server';
import { startGoogleIdTokens, type GoogleIdTokens } from '@photo/shared/testing/google-id-tokens';
import { composeGallery } from '../src/compose';
import { galleryConfigSchema } from '../src/config';
import { itemIdOf } from '../src/handlers/catalog-object.handler';
import { reconcileTaskRoute } from '../src/routes/tasks.routes';

const AUDIENCE = 'https://gallery-api.example.run.app';
const SCHEDULER = 'reconcile-scheduler@event-photo.iam.gserviceaccount.com';
const HOUR = 3600_000;
const descriptor = Array.from({ length: 128 }, (_, i) => (i === 0 ? 1 : 0));

/**
 * The face gallery as Cloud Run runs it, composed from its settings with SCHEDULER_SERVICE_ACCOUNT set: Cloud
 * Scheduler's POST /tasks/reconcile over real HTTP, against the Firestore and Pub/Sub emulators and the loopback
 * Cloud Storage JSON API.
 */
describe.skipIf(!cloudSuitesEnabled())('gallery POST /tasks/reconcile (emulators)', () => {
  let gcs: FakeGcsServer;
  let google: GoogleIdTokens;
  let server: RunningServer;
  let cloud: ReturnType<typeof cloudHost>;
  let gallery: ReturnType<typeof openFirestoreGallery>;
  let pubsub: PubSub;
  const announced: Message[] = [];

  beforeAll(async () => {
    google = await startGoogleIdTokens();
    gcs = await startFakeGcsServer();
    gcs.createBucket('images');
    const hosts = emulatorHosts()!;
    const projectId = uniqueProjectId('gallery-reconcile');
    pubsub = new PubSub({ projectId, apiEndpoint: hosts.pubsub });
    const [topic] = await pubsub.createTopic(galleryObjectAdded.topic);
    const [subscription] = await topic.createSubscription('reconcile-test');
    subscription.on('message', (message: Message) => {
      message.ack();
      announced.push(message);
    });
    const e = parseConfig(galleryConfigSchema.extend(cloudEnvSchema.shape), {
      GOOGLE_CLOUD_PROJECT: projectId,
      IMAGES_BUCKET: 'images',
      FIRESTORE_EMULATOR_HOST: hosts.firestore,
      PUBSUB_EMULATOR_HOST: hosts.pubsub,
      STORAGE_API_ENDPOINT: gcs.url,
      PUSH_AUDIENCE: AUDIENCE,
      PUSH_SERVICE_ACCOUNT: 'pubsub-push@event-photo.iam.gserviceaccount.com',
      GOOGLE_JWKS_URL: google.jwksUrl,
      SCHEDULER_SERVICE_ACCOUNT: SCHEDULER,
      IMAGE_SERVER_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'silent',
    });
    cloud = cloudHost('gallery-api', e);
    gallery = openFirestoreGallery(cloud.host.store.firestore, {
      matchThreshold: 0.45,
      recommenderSeed: 1,
    });
    // Two hours on: what the test writes now is past the one-hour safety window.
    const host = { ...cloud.host, clock: { now: () => new Date(Date.now() + 2 * HOUR) } };
    const composed = await composeGallery(
      { ...e, IMAGE_SERVER_URL: e.IMAGE_SERVER_URL!, IMAGES_BUCKET: e.IMAGES_BUCKET },
      host,
      gallery,
    );
    server = await startServer(composed.app, {
      port: 0,
      host: '127.0.0.1',
      logger: cloud.host.logger,
      name: 'face gallery',
    });
  });
  afterAll(async () => {
    await server?.close(1000);
    await cloud?.host.store.close();
    await pubsub?.close();
    await google?.close();
    await gcs?.close();
  });

  const idToken = (email: string) => google.sign(email, AUDIENCE);
  const reconcile = (token?: string) =>
    fetch(`${server.url}${reconcileTaskRoute.path}`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  // The local face mode keeps faces in Firestore (a stored index that lists its users).
  const indexedUsers = () => (gallery.faces as StoredFaceIndex).indexedUserIds();
  const putObject = (objectKey: string) =>
    cloud.host.store.blobs.put(objectKey, Buffer.from('jpeg bytes'), { contentType: 'image/jpeg' });
  const catalogue = (objectKey: string) =>
    gallery.items.add({
      itemId: itemIdOf('images', objectKey),
      objectKey,
      generation: '1',
      ownerUserId: null,
      createdAt: new Date(),
    });

  it("when Cloud Scheduler's account calls, then an uncatalogued object is announced again, a missing object reported and a gone user's face deleted", async () => {
    await putObject('gallery/kept.jpg');
    await catalogue('gallery/kept.jpg');
    await putObject('gallery/lost-announcement.jpg');
    await catalogue('gallery/deleted-by-hand.jpg');
    await gallery.faces.index({
      userId: 'gu_00000000000000000000000000',
      probe: { descriptor, imagePath: null },
      indexedAt: new Date(),
      expiresAt: new Date(Date.now() + 30 * 24 * HOUR),
    });

    const res = await reconcile(await idToken(SCHEDULER));

    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      uncatalogued: ['gallery/lost-announcement.jpg'],
      reannounced: 1,
      missingObjects: [
        {
          itemId: itemIdOf('images', 'gallery/deleted-by-hand.jpg'),
          objectKey: 'gallery/deleted-by-hand.jpg',
        },
      ],
      orphanFaceUsers: ['gu_00000000000000000000000000'],
      orphanFacesRemoved: 1,
    });
    await expect.poll(() => announced.length, { timeout: 10_000 }).toBe(1);
    expect(JSON.parse(announced[0]!.data.toString())).toMatchObject({
      objectKey: 'gallery/lost-announcement.jpg',
      bucket: 'images',
    });
    expect(await indexedUsers()).toEqual([]);
    expect(await gallery.items.get(itemIdOf('images', 'gallery/deleted-by-hand.jpg'))).not.toBeNull();
  });

  it('when it is called without a token or by another service account, then 401 / 403 and nothing is touched', async () => {
    await gallery.faces.index({
      userId: 'gu_11111111111111111111111111',
      probe: { descriptor, imagePath: null },
      indexedAt: new Date(),
      expiresAt: new Date(Date.now() + 30 * 24 * HOUR),
    });
    const before = announced.length;

    expect((await reconcile()).status).toBe(401);
    const other = await reconcile(await idToken('backend-api@event-photo.iam.gserviceaccount.com'));

    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('AUTH.FORBIDDEN');
    expect(await indexedUsers()).toEqual(['gu_11111111111111111111111111']);
    expect(announced.length).toBe(before);
  });
});
