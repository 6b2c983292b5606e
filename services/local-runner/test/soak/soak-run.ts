import Database from 'better-sqlite3';
import { mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '@photo/shared/colour/prng';
import { blocksPng, noisyJpeg } from '@photo/shared/testing/images';
import { bannerToken, freePorts, ready, startRunner } from '../chaos/runner-process';
import { Stats, type Summary } from './latency';
import { findRunnerPid, latestProbe, residentBytes, type ProbeReading } from './runner-memory';
import { phoneStream, type StreamCounts } from './sse-phone';

export interface SoakOptions {
  minutes: number;
  /** Phones polling `/me/updates` with their ETag, each every `pollMs` on average (±50 % jitter). */
  phones: number;
  pollMs: number;
  /** Phones on `/me/updates/stream`, each reconnecting (with Last-Event-ID) after 30 s to 3 min, as phones do. */
  streams: number;
  /** One staff photo, one operator image and one one-time URL (issued and redeemed) every so many ms. */
  photoMs: number;
  eventImageMs: number;
  urlMs: number;
  seed: number;
  /** The runner's LOG_LEVEL: `warn` by default, `info` to include the cost of a log line per request. */
  logLevel: string;
  dataDir: string;
  /** Minutes at which the runner writes a V8 heap snapshot into `<dataDir>/heap` (SIGUSR2). */
  snapshotsAt: number[];
  onMinute: (minute: MinuteReport) => void;
}

export interface MinuteReport {
  minute: number;
  load: number[];
  rss: number | null;
  probe: ProbeReading | null;
  /** Bus deliveries not yet acknowledged: a pipeline falling behind grows memory for a reason other than a leak. */
  backlog: number;
  streams: StreamCounts;
  kinds: [string, Summary][];
}

export interface SoakReport {
  runnerPid: number;
  /** RSS every 5 s: ms since the load started, bytes. */
  rss: { t: number; bytes: number }[];
  probes: ProbeReading[];
  kinds: [string, Summary][];
  streams: StreamCounts;
  notModified: number;
  /** Lines the runner logged at warn or above. */
  warnings: string[];
  exitCode: number | null;
  drainMs: number;
  snapshots: string;
}

interface Phone {
  visitorId: string;
  photoImageId: string;
  token: string;
  accepted: number;
  etag: string | null;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const PROBE = fileURLToPath(new URL('./memory-probe.mjs', import.meta.url));

/**
 * Runs the system as `npm start` does and drives an event's steady state for `minutes`: phones polling and on SSE,
 * staff photos, operator images, one-time URLs issued and redeemed; samples the runner's memory throughout.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const rng = createRng(options.seed);
  const jitter = (ms: number) => ms * (0.5 + rng());
  const ports = await freePorts();
  const backend = `http://127.0.0.1:${ports.backend}`;
  const identity = `http://127.0.0.1:${ports.identity}`;
  const snapshots = join(options.dataDir, 'heap');
  await mkdir(snapshots, { recursive: true });
  const runner = startRunner(options.dataDir, ports, {
    LOG_LEVEL: options.logLevel,
    // The web apps take no part in the load, and a stale build would hold up the start.
    WEB_APPS: 'false',
    NODE_OPTIONS: [
      process.env.NODE_OPTIONS ?? '',
      `--import=${PROBE}`,
      '--heapsnapshot-signal=SIGUSR2',
      `--diagnostic-dir=${snapshots}`,
    ].join(' '),
  });
  try {
    await ready(runner);
    const runnerPid = await findRunnerPid(runner.child.pid!);
    if (!runnerPid) throw new Error('no runner process under npm');
    return await drive(runnerPid);
  } finally {
    runner.signalGroup('SIGKILL');
  }

  async function drive(runnerPid: number): Promise<SoakReport> {
    const stats = new Stats();
    const tokens = { operator: '', staff: '' };
    const refreshTokens = async () => {
      tokens.operator = await bannerToken(runner.output(), identity, 'operator');
      tokens.staff = await bannerToken(runner.output(), identity, 'staff');
    };
    await refreshTokens();
    const phones = await importPhones(backend, tokens.operator, options.phones + options.streams);
    const photos = await Promise.all([1, 2, 3, 4].map((s) => noisyJpeg(640, 480, s)));
    const pngs = await Promise.all(
      [0, 1, 2, 3].map((s) =>
        blocksPng(320, 240, [
          [200 - s * 40, 40, 40],
          [30, 160, 70 + s * 30],
        ]),
      ),
    );
    const started = Date.now();
    const until = started + options.minutes * 60_000;
    const running = () => Date.now() < until;
    let notModified = 0;
    const streamCounts: StreamCounts = { open: 0, opened: 0, events: 0, drops: 0 };

    /** Runs `step` every `everyMs` (from the start of one to the start of the next) until the end. */
    const every = async (everyMs: number, step: () => Promise<unknown>) => {
      while (running()) {
        const t = Date.now();
        await step();
        await sleep(Math.max(0, everyMs - (Date.now() - t)));
      }
    };

    const poll = async (phone: Phone) => {
      await sleep(rng() * options.pollMs);
      while (running()) {
        const res = await stats.time(
          'poll',
          async () => {
            const r = await fetch(`${backend}/me/updates`, {
              headers: {
                authorization: `Bearer ${phone.token}`,
                ...(phone.etag ? { 'if-none-match': phone.etag } : {}),
              },
            });
            await r.arrayBuffer();
            return r;
          },
          (r) => r.status === 200 || r.status === 304,
        );
        if (res?.status === 200) phone.etag = res.headers.get('etag');
        if (res?.status === 304) notModified++;
        await sleep(jitter(options.pollMs));
      }
    };

    let nextPhoto = 0;
    const uploadPhoto = async () => {
      const phone = phones[Math.floor(rng() * phones.length)]!;
      nextPhoto++;
      const query = phone.accepted > 0 ? `?expectedVersion=${phone.accepted}` : '';
      const res = await stats.time(
        'staff-photo',
        async () => {
          const r = await fetch(`${backend}/participants/${phone.visitorId}/photo${query}`, {
            method: 'PUT',
            headers: {
              authorization: `Bearer ${tokens.staff}`,
              'content-type': 'image/jpeg',
              'idempotency-key': `${phone.visitorId}-v${phone.accepted + 1}`,
            },
            body: new Uint8Array(photos[nextPhoto % photos.length]!),
          });
          await r.arrayBuffer();
          return r;
        },
        (r) => r.status === 200 || r.status === 201,
      );
      if (res?.status === 200 || res?.status === 201) phone.accepted++;
    };

    let nextEvent = 0;
    const uploadEventImage = () =>
      stats.time(
        'event-image',
        async () => {
          const r = await fetch(`${backend}/images`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${tokens.operator}`,
              'content-type': 'image/png',
              'idempotency-key': `soak-event-${nextEvent}`,
            },
            body: new Uint8Array(pngs[nextEvent++ % pngs.length]!),
          });
          await r.arrayBuffer();
          return r;
        },
        (r) => r.status === 201,
      );

    const oneTimeUrl = async () => {
      const shot = phones.filter((p) => p.accepted > 0);
      const phone = shot[Math.floor(rng() * shot.length)];
      if (!phone) return;
      const link = await stats.time(
        'url-issue',
        async () => {
          const r = await fetch(`${backend}/images/${phone.photoImageId}/url`, {
            method: 'POST',
            headers: { authorization: `Bearer ${phone.token}` },
          });
          return { status: r.status, body: (await r.json()) as { url?: string } };
        },
        (r) => r.status === 201,
      );
      const url = link?.body.url;
      if (!url) return;
      const get = async () => {
        const r = await fetch(url);
        await r.arrayBuffer();
        return r;
      };
      await stats.time('url-redeem', get, (r) => r.status === 200);
      // A one-time URL that works twice is an error of its own.
      await stats.time('url-reuse', get, (r) => r.status !== 200);
    };

    const rssSamples: { t: number; bytes: number }[] = [];
    const probes: ProbeReading[] = [];
    const sampler = async () => {
      let minute = 0;
      while (running()) {
        await sleep(Math.min(5_000, Math.max(0, until - Date.now())));
        const bytes = await residentBytes(runnerPid);
        if (bytes !== null) rssSamples.push({ t: Date.now() - started, bytes });
        const probe = latestProbe(runner.output());
        if (probe && probe.at !== probes.at(-1)?.at) probes.push(probe);
        if (Date.now() - started < (minute + 1) * 60_000) continue;
        minute++;
        if (options.snapshotsAt.includes(minute)) process.kill(runnerPid, 'SIGUSR2');
        if (minute % 20 === 0) await refreshTokens();
        options.onMinute({
          minute,
          load: loadavg(),
          rss: bytes,
          probe,
          backlog: backlog(options.dataDir),
          streams: { ...streamCounts },
          kinds: [...stats.kinds].map(([kind, s]) => [kind, s.window()]),
        });
      }
    };

    await Promise.all([
      sampler(),
      ...phones.slice(0, options.phones).map(poll),
      ...phones
        .slice(options.phones)
        .map((phone) =>
          phoneStream({ backend, token: phone.token, rng, running, stats, counts: streamCounts }, () =>
            sleep(rng() * 10_000),
          ),
        ),
      every(options.photoMs, uploadPhoto),
      every(options.eventImageMs, uploadEventImage),
      every(options.urlMs, oneTimeUrl),
    ]);

    const stopping = Date.now();
    runner.signalGroup('SIGTERM');
    const exit = await runner.exited;
    return {
      runnerPid,
      rss: rssSamples,
      probes,
      kinds: [...stats.kinds].map(([kind, s]) => [kind, s.overall()]),
      streams: streamCounts,
      notModified,
      warnings: runner
        .output()
        .split('\n')
        .filter((l) => /"severity":"(WARNING|ERROR|CRITICAL)"/.test(l)),
      exitCode: exit.code,
      drainMs: Date.now() - stopping,
      snapshots,
    };
  }
}

async function importPhones(backend: string, operator: string, count: number): Promise<Phone[]> {
  const csv = ['displayName,email,externalRef']
    .concat(Array.from({ length: count }, (_, i) => `Phone ${i},phone${i}@example.com,S-${i}`))
    .join('\n');
  const res = await fetch(`${backend}/participants/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operator}`, 'content-type': 'text/csv' },
    body: `${csv}\n`,
  });
  if (res.status !== 201) throw new Error(`import: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as {
    created: { participant: { visitorId: string; photoImageId: string }; participantToken: string }[];
  };
  return body.created.map((c) => ({
    visitorId: c.participant.visitorId,
    photoImageId: c.participant.photoImageId,
    token: c.participantToken,
    accepted: 0,
    etag: null,
  }));
}

/** Deliveries on the bus not yet acknowledged, read from the store beside the running system. */
function backlog(dataDir: string): number {
  const db = new Database(join(dataDir, 'event-photo.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM bus_deliveries').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
