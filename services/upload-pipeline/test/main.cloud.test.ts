import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCloudAdapters, type CloudAdapters } from '@photo/shared/composition/cloud';
import { newUploadIntentId } from '@photo/shared/domain/ids';
import { uploadObjectKey } from '@photo/shared/domain/upload';
import { objectFinalizedMessage } from '@photo/shared/events/storage-notification';
import { newIntent } from '@photo/shared/ports/contracts/upload-intent-repository.contract';
import { cloudSuitesEnabled, emulatorHosts, uniqueProjectId } from '@photo/shared/testing/emulators';
import { startFakeGcsServer, type FakeGcsServer } from '@photo/shared/testing/fake-gcs-server';
import { SUBSCRIPTIONS as TOPOLOGY } from '@photo/shared/events/topology';
import { SUBSCRIPTIONS } from '../src/app';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** tsx itself, not `npx tsx`, so SIGTERM reaches the service. */
const TSX = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * The upload pipeline's container entry, started as Cloud Run starts it (src/main.ts, its settings in the
 * environment) against the Firestore and Pub/Sub emulators and a loopback Cloud Storage server: its composition, not
 * the local runner's, answers the scheduler's sweep and Pub/Sub's pushes.
 */
describe.skipIf(!cloudSuitesEnabled())("the upload pipeline's main.ts on the emulators", () => {
  const projectId = uniqueProjectId('pipeline-main');
  let gcs: FakeGcsServer;
  let adapters: CloudAdapters;
  let child: ChildProcess;
  let base: string;
  let output = '';

  beforeAll(async () => {
    const hosts = emulatorHosts()!;
    gcs = await startFakeGcsServer();
    gcs.createBucket('images');
    adapters = openCloudAdapters({
      projectId,
      bucket: 'images',
      firestoreEmulatorHost: hosts.firestore,
      pubsubEmulatorHost: hosts.pubsub,
      storageApiEndpoint: gcs.url,
    });
    // Terraform's topics (infra/): the sweep announces the uploads it expires.
    for (const topic of new Set(TOPOLOGY.map((t) => t.topic))) await adapters.pubsub.createTopic(topic);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [TSX, 'services/upload-pipeline/src/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        GOOGLE_CLOUD_PROJECT: projectId,
        IMAGES_BUCKET: 'images',
        FIRESTORE_EMULATOR_HOST: hosts.firestore,
        PUBSUB_EMULATOR_HOST: hosts.pubsub,
        STORAGE_API_ENDPOINT: gcs.url,
        PUSH_AUTH: 'disabled',
        IMAGE_SERVER_URL: 'http://127.0.0.1:9',
        IMAGE_SERVER_AUDIENCE: 'http://127.0.0.1:9',
        UPLOAD_SWEEP_GRACE_SECONDS: '0',
        METADATA_SERVER_DETECTION: 'none',
        LOG_LEVEL: 'warn',
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const deadline = Date.now() + 45_000;
    let ready: Response | null = null;
    while (Date.now() < deadline && ready?.status !== 200) {
      ready = await fetch(`${base}/readyz`).catch(() => null);
      if (ready?.status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready?.status, output).toBe(200);
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await adapters?.close();
    await gcs?.close();
  });

  it('when Cloud Scheduler calls the sweep, then an expired upload is marked expired in Firestore and an orphaned object leaves the bucket', async () => {
    const expired = newIntent();
    await adapters.uploads.create(expired, {
      now: expired.createdAt,
      since: expired.createdAt,
      maxPending: 10,
      maxBytes: 1e12,
    });
    const orphan = uploadObjectKey(newUploadIntentId());
    await adapters.blobs.put(orphan, Buffer.from('left behind'), { contentType: 'image/jpeg' });

    const res = await fetch(`${base}/tasks/sweep`, { method: 'POST' });
    expect(res.status, output).toBe(200);
    expect(await res.json()).toMatchObject({ expired: 1, orphansDeleted: 1 });
    expect((await adapters.uploads.get(expired.intentId))?.status).toBe('expired');
    expect(await adapters.blobs.stat(orphan)).toBeNull();
  });

  it('when Pub/Sub pushes the notification of an object no upload is waiting for, then it is acknowledged and nothing is made of it', async () => {
    const intentId = newUploadIntentId();
    const key = uploadObjectKey(intentId);
    const message = objectFinalizedMessage({
      bucket: 'images',
      name: key,
      generation: '1',
      size: 10,
      contentType: 'image/jpeg',
      timeCreated: new Date(),
    });
    const res = await fetch(`${base}/pubsub/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message: {
          data: Buffer.from(message.data).toString('base64'),
          attributes: message.attributes,
          messageId: 'm-1',
          publishTime: new Date().toISOString(),
        },
        subscription: `projects/${projectId}/subscriptions/${SUBSCRIPTIONS.uploads}`,
      }),
    });
    expect(res.status, output).toBeLessThan(300);
    expect(await adapters.uploads.get(intentId)).toBeNull();
  });

  it('when it gets SIGTERM, then it drains and exits 0', async () => {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code, output).toBe(0);
  });
});
