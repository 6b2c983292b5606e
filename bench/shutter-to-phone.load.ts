import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerReply } from './lib/in-worker';

/** A participant with a phone: the photo's image id and the token the phone holds. */
export interface Phone {
  visitorId: string;
  photoImageId: string;
  token: string;
}

export interface ShutterPlan {
  backend: string;
  staffToken: string;
  phones: Phone[];
  photo: Uint8Array;
  /** Uploads started per second (an open loop: each at its due time, whatever the earlier ones are doing). */
  ratePerSecond: number;
  /** Uploads in the first `warmupMs` are made but not counted. */
  warmupMs: number;
  durationMs: number;
  /** How long a phone waits for its update before the upload counts as an error. */
  timeoutMs: number;
}

/** One counted upload, each time in ms from when its PUT was sent. */
export interface ShutterSample {
  answeredMs: number;
  eventMs: number;
  fetchedMs: number;
  bytes: number;
}

export interface ShutterOutcome {
  samples: ShutterSample[];
  errors: number;
  firstError: string | null;
  elapsedMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A phone's open `GET /me/updates/stream`: resolves waiters as `update` events name an image version. */
class PhoneStream {
  private readonly waiters = new Map<string, (at: number) => void>();
  private readonly seen = new Map<string, number>();
  private readonly abort = new AbortController();

  constructor(
    private readonly backend: string,
    private readonly phone: Phone,
  ) {}

  /** Resolves once the stream's first bytes (its `retry:` line) arrived: the phone is subscribed. */
  async open(): Promise<void> {
    const res = await fetch(`${this.backend}/me/updates/stream`, {
      headers: { authorization: `Bearer ${this.phone.token}`, accept: 'text/event-stream' },
      signal: this.abort.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`stream answered ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const first = await reader.read();
    let buffer = first.value ?? '';
    void (async () => {
      try {
        for (;;) {
          buffer = this.take(buffer);
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
        }
      } catch {
        // closed at the end of the run
      }
    })();
  }

  /** When the update for `version` of the phone's photo arrives (performance.now()). */
  updateOf(version: number): Promise<number> {
    const key = `${this.phone.photoImageId}:${version}`;
    const at = this.seen.get(key);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve) => this.waiters.set(key, resolve));
  }

  close(): void {
    this.abort.abort();
  }

  private take(buffer: string): string {
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split('\n');
      if (!lines.includes('event: update')) continue;
      const data = lines.find((l) => l.startsWith('data: '));
      if (!data) continue;
      const update = JSON.parse(data.slice(6)) as { imageId: string; version: number };
      const key = `${update.imageId}:${update.version}`;
      if (this.seen.has(key)) continue;
      const now = performance.now();
      this.seen.set(key, now);
      this.waiters.get(key)?.(now);
      this.waiters.delete(key);
    }
    return buffer;
  }
}

/** Staff shoot a photo of one participant after another; each phone fetches its photo as soon as it is told. */
export async function shutterToPhone(plan: ShutterPlan): Promise<ShutterOutcome> {
  const streams = plan.phones.map((p) => new PhoneStream(plan.backend, p));
  await Promise.all(streams.map((s) => s.open()));
  const versions = plan.phones.map(() => 0);
  const outcome: ShutterOutcome = { samples: [], errors: 0, firstError: null, elapsedMs: 0 };
  const fail = (err: unknown) => {
    outcome.errors++;
    outcome.firstError ??= err instanceof Error ? err.message : String(err);
  };

  const one = async (index: number, counted: boolean) => {
    const phone = plan.phones[index]!;
    const stream = streams[index]!;
    const version = versions[index]! + 1;
    versions[index] = version;
    const sent = performance.now();
    const query = version > 1 ? `?expectedVersion=${version - 1}` : '';
    const event = stream.updateOf(version);
    const put = await fetch(`${plan.backend}/participants/${phone.visitorId}/photo${query}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${plan.staffToken}`,
        'content-type': 'image/jpeg',
        'idempotency-key': `shot-${phone.visitorId}-${version}`,
      },
      body: new Uint8Array(plan.photo),
    });
    await put.arrayBuffer();
    const answered = performance.now();
    if (put.status !== 201) throw new Error(`photo PUT answered ${put.status}`);
    const arrived = await Promise.race([
      event,
      sleep(plan.timeoutMs).then(() => {
        throw new Error(`no update on the phone within ${plan.timeoutMs} ms`);
      }),
    ]);
    const link = await fetch(`${plan.backend}/images/${phone.photoImageId}/url`, {
      method: 'POST',
      headers: { authorization: `Bearer ${phone.token}` },
    });
    if (link.status !== 201) throw new Error(`URL issue answered ${link.status}`);
    const { url } = (await link.json()) as { url: string };
    const image = await fetch(url);
    const bytes = (await image.arrayBuffer()).byteLength;
    if (image.status !== 200 || bytes === 0) throw new Error(`one-time URL answered ${image.status}`);
    const fetched = performance.now();
    if (counted)
      outcome.samples.push({
        answeredMs: answered - sent,
        eventMs: arrived - sent,
        fetchedMs: fetched - sent,
        bytes,
      });
  };

  const gapMs = 1000 / plan.ratePerSecond;
  const total = Math.round(((plan.warmupMs + plan.durationMs) / 1000) * plan.ratePerSecond);
  const started = performance.now();
  const running: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * gapMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    running.push(one(i % plan.phones.length, i * gapMs >= plan.warmupMs).catch(fail));
  }
  await Promise.all(running);
  outcome.elapsedMs = performance.now() - started;
  for (const s of streams) s.close();
  return outcome;
}

if (parentPort) {
  const port = parentPort;
  shutterToPhone(workerData as ShutterPlan).then(
    (result) => port.postMessage({ ok: true, result } satisfies WorkerReply<ShutterOutcome>),
    (err: unknown) =>
      port.postMessage({
        ok: false,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies WorkerReply<ShutterOutcome>),
  );
}
