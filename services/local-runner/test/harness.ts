import { SUBSCRIPTIONS } from '@photo/shared/events/topology';
import { openCloudAdapters } from '@photo/shared/composition/cloud';
import { cloudSuitesEnabled, emulatorHosts, uniqueProjectId } from '@photo/shared/testing/emulators';
import { startFakeGcsServer } from '@photo/shared/testing/fake-gcs-server';
import { parseConfig } from '@photo/shared/config/parse-config';
import { silentLogger } from '@photo/shared/http/logger';
import { systemClock, type Clock } from '@photo/shared/ports/common';
import { tempDir } from '@photo/shared/testing/system-under-test';
import { localRunnerConfigSchema } from '../src/config';
import { startSystem, type RunningSystem, type SystemOptions } from '../src/system';
import { checkResponse, serviceContracts, type ServiceContract } from './contract/response-contract';
import { notifyUploads, uploadSigningKey } from './upload-cloud';

/** The modes every end-to-end test runs in: cloud too when the emulators are there (CI insists they are). */
export const MODES: ('embedded' | 'cloud')[] = cloudSuitesEnabled() ? ['embedded', 'cloud'] : ['embedded'];

/**
 * `contract: false` skips the response-contract check for one call that deliberately goes where the document does
 * not (an undocumented path or method); every other answer must be documented for its operation.
 */
export type HarnessInit = RequestInit & { token?: string | undefined; contract?: false };

export interface Harness {
  system: RunningSystem;
  dataDir: string;
  /** fetch against the backend with an optional bearer token; the answer is checked against docs/openapi.json. */
  api(path: string, init?: HarnessInit): Promise<Response>;
  /**
   * fetch of a URL of the system (a one-time link on the image server, a backend URL, the face gallery); an answer
   * of the backend, the image server or the gallery is checked against that service's OpenAPI document.
   */
  fetch(url: string, init?: HarnessInit): Promise<Response>;
  token(role: 'operator' | 'staff'): Promise<string>;
  /** Waits until every bus subscription has delivered what it holds. */
  settle(): Promise<void>;
  stop(keepData?: boolean): Promise<void>;
}

/** The whole embedded system on free ports in a temp data directory, with the bus's schedule sped up. */
export async function startHarness(
  options: {
    env?: Record<string, string>;
    clock?: Clock;
    dataDir?: string;
    mode?: 'embedded' | 'cloud';
    outboxRelay?: boolean;
    wrapUploadPipeline?: SystemOptions['wrapUploadPipeline'];
  } = {},
): Promise<Harness> {
  const cloud = options.mode === 'cloud' ? await cloudBackends() : null;
  const temp = options.dataDir ? null : await tempDir();
  const dataDir = options.dataDir ?? temp!.dir;
  const config = parseConfig(localRunnerConfigSchema, {
    DATA_DIR: dataDir,
    BACKEND_PORT: '0',
    IMAGE_SERVER_PORT: '0',
    IDENTITY_PORT: '0',
    GALLERY_PORT: '0',
    // Small posters keep the pipeline tests quick; the default is A4 at 300 dpi.
    ARTWORK_WIDTH: '620',
    ARTWORK_HEIGHT: '877',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const system = await startSystem({
    config,
    logger: silentLogger(),
    clock: options.clock ?? systemClock,
    // Retries back off at a thousandth of the real schedule; ack deadlines stay real, as in production, since a running
    // handler's lease is extended: a slow step on a loaded machine is not delivered a second time.
    bus: { pollIntervalMs: 20, backoffScale: 0.001 },
    streamRecheckMs: 200,
    ...(cloud ? { cloud: cloud.adapters } : {}),
    ...(options.outboxRelay === false ? { outboxRelay: false } : {}),
    ...(options.wrapUploadPipeline ? { wrapUploadPipeline: options.wrapUploadPipeline } : {}),
  });
  const contracts = serviceContracts();
  const contractOf = (url: string): ServiceContract | null => {
    const { origin } = new URL(url);
    if (origin === new URL(system.urls.backend).origin) return contracts.backend;
    if (origin === new URL(system.urls.imageServer).origin) return contracts.imageServer;
    if (origin === new URL(system.urls.gallery).origin) return contracts.gallery;
    return null;
  };
  // The one place the tests' requests go through: each answer is checked against its service's contract.
  const send = async (url: string, init: HarnessInit): Promise<Response> => {
    const { token, contract, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    const res = await fetch(url, { ...rest, headers });
    const service = contract === false ? null : contractOf(url);
    // fetch sends the URL as the URL parser normalises it (`/a/%2e%2e/b` is `/b`): check against that path.
    if (service) await checkResponse(service, (rest.method ?? 'GET').toUpperCase(), new URL(url).href, res);
    return res;
  };
  return {
    system,
    dataDir,
    api: (path, init = {}) => send(`${system.urls.backend}${path}`, init),
    fetch: (url, init = {}) => send(url, init),
    token: (role) => system.idp.accessToken({ role, subject: `test|${role}`, audience: system.audience }),
    settle: () =>
      system.bus
        ? system.bus.drained(
            SUBSCRIPTIONS.map((s) => s.name),
            60_000,
          )
        : pushQuiet(system.pushActivity),
    async stop(keepData = false) {
      await system.stop();
      await cloud?.stop();
      if (!keepData) await temp?.remove();
    },
  };
}

/**
 * Cloud mode's backends: the Firestore and Pub/Sub emulators (started by the test setup) in a fresh project, and a
 * loopback server speaking the Cloud Storage JSON API.
 */
async function cloudBackends() {
  const hosts = emulatorHosts();
  if (!hosts)
    throw new Error('cloud mode needs the emulators (see shared/src/testing/emulators.global-setup.ts)');
  const gcs = await startFakeGcsServer();
  gcs.createBucket('images');
  // Upload URLs are V4-signed with a test key the fake trusts; its notifications of uploads/ go to Pub/Sub.
  const signing = uploadSigningKey();
  gcs.trustSigner(signing.credentials.client_email, signing.publicKey);
  const adapters = openCloudAdapters({
    projectId: uniqueProjectId('e2e'),
    bucket: 'images',
    firestoreEmulatorHost: hosts.firestore,
    pubsubEmulatorHost: hosts.pubsub,
    storageApiEndpoint: gcs.url,
    storageCredentials: signing.credentials,
  });
  notifyUploads(gcs, adapters.pubsub);
  return { adapters, stop: () => gcs.close() };
}

/** Pub/Sub has no "drained" to ask: wait until no push is in flight and none came for a while. */
async function pushQuiet(
  activity: { inFlight: number; lastAt: number },
  quietMs = 1500,
  timeoutMs = 60_000,
): Promise<void> {
  const start = Date.now();
  const deadline = start + timeoutMs;
  // Quiet is counted from the call too: a message published just before it may not have been pushed yet.
  while (activity.inFlight > 0 || Date.now() - Math.max(activity.lastAt, start) < quietMs) {
    if (Date.now() > deadline) throw new Error('push deliveries did not settle');
    await new Promise((r) => setTimeout(r, 50));
  }
}
