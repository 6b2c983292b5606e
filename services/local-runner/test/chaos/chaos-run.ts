import Database from 'better-sqlite3';
import { readdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@photo/shared/colour/prng';
import { blocksPng, noisyJpeg } from '@photo/shared/testing/images';
import { bannerToken, freePorts, logLine, ready, startRunner, type RunnerProcess } from './runner-process';

export interface ChaosOptions {
  kills: number;
  seed: number;
  dataDir: string;
  participants?: number;
  progress?: (line: string) => void;
}

export interface ChaosReport {
  kills: number;
  photosAccepted: number;
  eventImagesAccepted: number;
  /** Accepted uploads missing afterwards, or present more than once. */
  lostOrDuplicated: string[];
  /** Accepted event images whose pipeline had not finished (clustered) after the last restart. */
  unfinished: string[];
  /** 5xx answers seen while the system was up. */
  serverErrors: number;
  /** One-time URLs that served their image a second time. */
  oneTimeReuse: number;
  oneTimeServed: number;
  /** Files left in DATA_DIR/tmp and the bucket's .tmp once the system was quiet. */
  litter: string[];
  integrity: string;
  deadLetters: number;
  backlog: number;
  /** Per restart: from the spawn until every accepted event image was clustered. */
  recoveryMs: number[];
  /** Per restart: from the spawn until every server listened (part of recoveryMs). */
  startMs: number[];
  /** Per restart: from the spawn until the runner logged its start-up recovery (part of startMs). */
  recoveredMs: number[];
  /** Per restart: the machine's 1-minute load average when it began (the CPU it had to share). */
  loadAverage: number[];
  /** Per restart: the leases the start-up recovery took back. */
  reclaimedLeases: number[];
  /** The last SIGTERM: the group's exit code and how long the drain took. */
  exitCode: number | null;
  drainMs: number;
}

interface Phone {
  visitorId: string;
  photoImageId: string;
  token: string;
  /** Versions accepted so far; the next upload replaces this one. */
  accepted: number;
  /** An upload whose answer was lost: retried with the same key until it is answered. */
  pending: { key: string; expectedVersion: number } | null;
  etag: string | null;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * One staff member and one operator upload as fast as the machine allows, and phones ask for URLs in a loop: the
 * rate limits (tested on their own) would turn that load into 429s and stall the run, so they are off here.
 */
const RUNNER_ENV = {
  RATE_UPLOADS_PER_MINUTE: '0',
  RATE_UPLOADS_PER_ADDRESS_PER_MINUTE: '0',
  RATE_IMAGE_URLS_PER_MINUTE: '0',
};

/**
 * Drives the system as `npm start` runs it (staff photos, operator images, phones polling and fetching one-time
 * URLs), kills the process group with SIGKILL at seeded moments, restarts it, and checks what an event cannot afford
 * to lose. Every upload carries an idempotency key and is retried after a restart until answered, as clients do.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const rng = createRng(options.seed);
  const log = options.progress ?? (() => undefined);
  const ports = await freePorts();
  const backend = `http://127.0.0.1:${ports.backend}`;
  const identity = `http://127.0.0.1:${ports.identity}`;
  const photos = await Promise.all([1, 2, 3, 4].map((s) => noisyJpeg(160, 120, s)));
  const pngs = await Promise.all(
    [0, 1, 2, 3].map((s) =>
      blocksPng(120, 80, [
        [200 - s * 40, 40, 40],
        [30, 160, 70 + s * 30],
      ]),
    ),
  );
  const report: ChaosReport = {
    kills: 0,
    photosAccepted: 0,
    eventImagesAccepted: 0,
    lostOrDuplicated: [],
    unfinished: [],
    serverErrors: 0,
    oneTimeReuse: 0,
    oneTimeServed: 0,
    litter: [],
    integrity: '',
    deadLetters: 0,
    backlog: 0,
    recoveryMs: [],
    startMs: [],
    recoveredMs: [],
    loadAverage: [],
    reclaimedLeases: [],
    exitCode: null,
    drainMs: 0,
  };
  const eventImages = new Map<string, string>(); // idempotency key → image id
  const pendingEvents = new Set<string>();
  /** Event images seen clustered: a status that never goes back, so a restart waits only for the others. */
  const clustered = new Set<string>();
  const servedUrls: string[] = [];
  let nextEvent = 0;

  let runner = startRunner(options.dataDir, ports, RUNNER_ENV);
  try {
    return await drive();
  } finally {
    runner.signalGroup('SIGKILL');
  }

  async function drive(): Promise<ChaosReport> {
    await ready(runner);
    const operator = await bannerToken(runner.output(), identity, 'operator');
    const staff = await bannerToken(runner.output(), identity, 'staff');
    const csv = ['displayName,email,externalRef']
      .concat(Array.from({ length: options.participants ?? 4 }, (_, i) => `P${i},p${i}@example.com,T-${i}`))
      .join('\n');
    const imported = await fetch(`${backend}/participants/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'text/csv' },
      body: `${csv}\n`,
    });
    if (imported.status !== 201) throw new Error(`import: ${imported.status} ${await imported.text()}`);
    const phones: Phone[] = (
      (await imported.json()) as {
        created: { participant: { visitorId: string; photoImageId: string }; participantToken: string }[];
      }
    ).created.map((c) => ({
      ...c.participant,
      token: c.participantToken,
      accepted: 0,
      pending: null,
      etag: null,
    }));

    const call = async (url: string, init: RequestInit): Promise<Response | null> => {
      try {
        const res = await fetch(url, init);
        if (res.status >= 500) report.serverErrors++;
        return res;
      } catch {
        return null; // the process died under the request: its outcome is unknown, the client retries
      }
    };

    const uploadPhoto = async (phone: Phone): Promise<boolean> => {
      phone.pending ??= { key: `${phone.visitorId}-v${phone.accepted + 1}`, expectedVersion: phone.accepted };
      const { key, expectedVersion } = phone.pending;
      const query = expectedVersion > 0 ? `?expectedVersion=${expectedVersion}` : '';
      const res = await call(`${backend}/participants/${phone.visitorId}/photo${query}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${staff}`, 'content-type': 'image/jpeg', 'idempotency-key': key },
        body: new Uint8Array(photos[(expectedVersion + phone.visitorId.length) % photos.length]!),
      });
      if (!res) return false;
      const body = (await res.json().catch(() => null)) as { version?: number } | null;
      if (res.status >= 500) return false;
      if (res.status !== 200 && res.status !== 201)
        throw new Error(`photo ${key}: ${res.status} ${JSON.stringify(body)}`);
      if (body?.version !== expectedVersion + 1)
        report.lostOrDuplicated.push(`photo ${key} answered v${body?.version}`);
      phone.accepted = expectedVersion + 1;
      phone.pending = null;
      report.photosAccepted++;
      return true;
    };

    const uploadEvent = async (key: string): Promise<boolean> => {
      pendingEvents.add(key);
      const res = await call(`${backend}/images`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operator}`, 'content-type': 'image/png', 'idempotency-key': key },
        body: new Uint8Array(pngs[Number(key.split('-')[1]) % pngs.length]!),
      });
      if (!res || res.status >= 500) return false;
      const body = (await res.json()) as { images?: { imageId: string }[] };
      if (res.status !== 200 && res.status !== 201)
        throw new Error(`event ${key}: ${res.status} ${JSON.stringify(body)}`);
      const imageId = body.images![0]!.imageId;
      const before = eventImages.get(key);
      if (before && before !== imageId)
        report.lostOrDuplicated.push(`event ${key} became ${before} and ${imageId}`);
      if (!before) report.eventImagesAccepted++;
      eventImages.set(key, imageId);
      pendingEvents.delete(key);
      return true;
    };

    const poll = async (phone: Phone): Promise<void> => {
      const res = await call(`${backend}/me/updates`, {
        headers: {
          authorization: `Bearer ${phone.token}`,
          ...(phone.etag ? { 'if-none-match': phone.etag } : {}),
        },
      });
      if (res?.status === 200) phone.etag = res.headers.get('etag');
      await res?.arrayBuffer().catch(() => undefined);
      if (!res || phone.accepted === 0 || rng() > 0.3) return;
      const link = await call(`${backend}/images/${phone.photoImageId}/url`, {
        method: 'POST',
        headers: { authorization: `Bearer ${phone.token}` },
      });
      if (link?.status !== 201) return;
      const { url } = (await link.json()) as { url: string };
      const image = await call(url, {});
      if (image?.status === 200) servedUrls.push(url);
      await image?.arrayBuffer().catch(() => undefined);
    };

    /** Until `alive()` turns false: staff, an operator and the phones, each a loop of its own. */
    const workload = async (alive: () => boolean) => {
      const loop = async (step: () => Promise<unknown>) => {
        while (alive()) if ((await step()) === false) await sleep(20);
      };
      await Promise.all([
        loop(() => uploadPhoto(phones[Math.floor(rng() * phones.length)]!)),
        loop(() => uploadEvent(`event-${String(nextEvent++).padStart(6, '0')}`)),
        ...phones.map((phone) => loop(() => poll(phone).then(() => sleep(50)))),
      ]);
    };

    /** After a restart: answers for every upload whose answer was lost, then every pipeline finished. */
    const recover = async (startedAt: number) => {
      for (const phone of phones) while (phone.pending) if (!(await uploadPhoto(phone))) await sleep(50);
      for (const key of [...pendingEvents]) while (!(await uploadEvent(key))) await sleep(50);
      const deadline = Date.now() + 60_000;
      let waiting = [...eventImages.values()].filter((id) => !clustered.has(id));
      while (waiting.length > 0 && Date.now() < deadline) {
        const still: string[] = [];
        for (const imageId of waiting) {
          const res = await call(`${backend}/images/${imageId}`, {
            headers: { authorization: `Bearer ${operator}` },
          });
          const body = (await res?.json()) as { image: { status: string } } | undefined;
          if (body?.image.status === 'clustered') clustered.add(imageId);
          else still.push(imageId);
        }
        waiting = still;
        if (waiting.length > 0) await sleep(100);
      }
      report.unfinished = waiting;
      report.recoveryMs.push(Date.now() - startedAt);
    };

    for (let kill = 1; kill <= options.kills; kill++) {
      let alive = true;
      const work = workload(() => alive);
      await sleep(200 + Math.floor(rng() * 1300));
      runner.signalGroup('SIGKILL');
      alive = false;
      await runner.exited;
      await work;
      await groupGone(runner);
      report.kills++;
      const startedAt = Date.now();
      runner = startRunner(options.dataDir, ports, RUNNER_ENV);
      report.loadAverage.push(loadavg()[0]!);
      await ready(runner);
      report.startMs.push(Date.now() - startedAt);
      const recovery = logLine(runner.output(), 'start-up recovery') as {
        time?: string;
        recovery?: { reclaimedLeases: Record<string, number> };
      } | null;
      report.recoveredMs.push(recovery?.time ? Date.parse(recovery.time) - startedAt : Number.NaN);
      report.reclaimedLeases.push(
        Object.values(recovery?.recovery?.reclaimedLeases ?? {}).reduce((a, b) => a + b, 0),
      );
      await recover(startedAt);
      log(
        `kill ${kill}/${options.kills}: recovered in ${report.recoveryMs.at(-1)} ms (start-up recovery after ${report.recoveredMs.at(-1)} ms, listening after ${report.startMs.at(-1)} ms, ${report.reclaimedLeases.at(-1)} leases taken back, load ${report.loadAverage.at(-1)!.toFixed(1)}), ` +
          `${report.photosAccepted} photos and ${report.eventImagesAccepted} event images accepted so far`,
      );
    }

    await verify();
    report.litter = await litterUnder([
      join(options.dataDir, 'tmp'),
      join(options.dataDir, 'buckets', 'images', '.tmp'),
    ]);
    for (const url of servedUrls) {
      const again = await call(url, {});
      if (again?.status === 200) report.oneTimeReuse++;
      await again?.arrayBuffer().catch(() => undefined);
    }
    report.oneTimeServed = servedUrls.length;
    const stopping = Date.now();
    runner.signalGroup('SIGTERM');
    report.exitCode = (await runner.exited).code;
    report.drainMs = Date.now() - stopping;
    await groupGone(runner);
    const db = new Database(join(options.dataDir, 'event-photo.db'), { readonly: true });
    try {
      report.integrity = db.pragma('integrity_check', { simple: true }) as string;
      report.deadLetters = (db.prepare('SELECT count(*) AS n FROM dead_letters').get() as { n: number }).n;
      report.backlog = (db.prepare('SELECT count(*) AS n FROM bus_deliveries').get() as { n: number }).n;
    } finally {
      db.close();
    }
    return report;

    /** Every accepted upload is there exactly once. */
    async function verify(): Promise<void> {
      for (const phone of phones) {
        if (phone.accepted === 0) continue;
        const res = await call(`${backend}/images/${phone.photoImageId}`, {
          headers: { authorization: `Bearer ${operator}` },
        });
        const body = (await res!.json()) as {
          image: { currentVersion: number };
          variants: { version: number; variant: string }[];
        };
        const originals = body.variants.filter((v) => v.variant === 'original').length;
        if (body.image.currentVersion !== phone.accepted || originals !== phone.accepted)
          report.lostOrDuplicated.push(
            `${phone.visitorId}: ${phone.accepted} accepted, v${body.image.currentVersion} with ${originals} originals`,
          );
      }
      const listed = new Set<string>();
      let after: string | null = null;
      do {
        const res = await call(`${backend}/images?kind=event&limit=200${after ? `&after=${after}` : ''}`, {
          headers: { authorization: `Bearer ${operator}` },
        });
        const page = (await res!.json()) as { items: { imageId: string }[]; next: string | null };
        for (const item of page.items) listed.add(item.imageId);
        after = page.next;
      } while (after);
      const accepted = new Set(eventImages.values());
      for (const id of accepted) if (!listed.has(id)) report.lostOrDuplicated.push(`event image ${id} lost`);
      for (const id of listed)
        if (!accepted.has(id)) report.lostOrDuplicated.push(`event image ${id} not asked for`);
    }
  }
}

/** Waits until no process of the runner's group is left (the lock goes with the last one). */
async function groupGone(runner: RunnerProcess): Promise<void> {
  for (;;) {
    try {
      process.kill(-runner.child.pid!, 0);
    } catch {
      return;
    }
    await sleep(20);
  }
}

/**
 * Files still there 5 s after every image was clustered. An image counts as clustered once its variant is recorded,
 * which can come just before its worker removes its scratch files: a file that goes within the wait was in use.
 */
async function litterUnder(dirs: string[]): Promise<string[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const files = (await Promise.all(dirs.map(filesUnder))).flat();
    if (files.length === 0 || Date.now() > deadline) return files;
    await sleep(100);
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
