import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLocks } from './locks';
import { openOutboxStore, type OutboxStore, type Shot } from './outbox.store';
import { classifyUploadAnswer, type UploadOutcome } from './upload-outcome';
import { createUploader, retryDelayMs, type SendShot, type Timers, type Uploader } from './uploader';

let seq = 0;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function store(name = `uploader-test-${++seq}`): Promise<OutboxStore> {
  const opened = await openOutboxStore(name);
  cleanups.push(() => opened.close());
  return opened;
}

async function addShot(outbox: OutboxStore, id = 'shot-1', expectedVersion = 0): Promise<void> {
  await outbox.add({
    id,
    idempotencyKey: `key-${id}-abcdefgh`,
    visitorId: 'v_0123456789abcdefghij',
    qr: 'PQR1.v_0123456789abcdefghij.99.mac',
    participantName: 'Taro',
    expectedVersion,
    image: new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }),
    createdAt: 1,
  });
}

/** Timers the test fires by hand, at a clock it moves by hand. */
function manualClock() {
  let now = 1_000_000;
  let next: { callback: () => void; at: number } | null = null;
  const timers: Timers = {
    set(callback, ms) {
      next = { callback, at: now + ms };
      return next;
    },
    clear(handle) {
      if (next === handle) next = null;
    },
  };
  return {
    timers,
    now: () => now,
    scheduledIn: () => (next ? next.at - now : null),
    /** Moves the clock to the scheduled time and fires it. */
    fire() {
      if (!next) throw new Error('nothing scheduled');
      const due = next;
      next = null;
      now = due.at;
      due.callback();
    },
  };
}

/** A send that answers from a script and records what it was given. */
function scripted(...answers: (UploadOutcome | Error)[]) {
  const calls: { key: string; expectedVersion: number }[] = [];
  const send: SendShot = async (shot, onProgress) => {
    calls.push({ key: shot.idempotencyKey, expectedVersion: shot.expectedVersion });
    onProgress(1);
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers scripted');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { send, calls };
}

function uploader(outbox: OutboxStore, send: SendShot, clock = manualClock(), locks = memoryLocks()) {
  let online: (() => void) | null = null;
  const created: Uploader = createUploader({
    store: outbox,
    send,
    locks,
    timers: clock.timers,
    now: clock.now,
    random: () => 1,
    onOnline: (listener) => {
      online = listener;
      return () => (online = null);
    },
  });
  cleanups.push(() => created.stop());
  return { uploader: created, clock, goOnline: () => online?.() };
}

/** Waits until the uploader's asynchronous round has reached the state wanted. */
async function until(outbox: OutboxStore, id: string, check: (shot: Shot) => boolean): Promise<Shot> {
  for (let i = 0; i < 200; i++) {
    const shot = await outbox.get(id);
    if (shot && check(shot)) return shot;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`shot ${id} never reached the state wanted: ${JSON.stringify(await outbox.get(id))}`);
}

describe('classifyUploadAnswer', () => {
  it('when the server stored it (201) or replays it (200), then it is done with the version', () => {
    expect(classifyUploadAnswer(201, { version: 3, created: true })).toEqual({ kind: 'done', version: 3 });
    expect(classifyUploadAnswer(200, { version: 3, created: false })).toEqual({ kind: 'done', version: 3 });
  });
  it('when the answer is a version conflict, then it names the current version', () => {
    const body = { error: { code: 'IMAGE.VERSION_CONFLICT', details: { currentVersion: 2 } } };
    expect(classifyUploadAnswer(409, body)).toEqual({ kind: 'conflict', currentVersion: 2 });
  });
  it('when the server is down, busy or the token needs renewing, then it is retried', () => {
    expect(classifyUploadAnswer(503, { error: { code: 'SERVICE.UNAVAILABLE' } })).toEqual({
      kind: 'retry',
      error: 'SERVICE.UNAVAILABLE',
    });
    expect(classifyUploadAnswer(502, null)).toEqual({ kind: 'retry', error: 'HTTP_502' });
    expect(classifyUploadAnswer(429, null).kind).toBe('retry');
    expect(classifyUploadAnswer(401, { error: { code: 'AUTH.TOKEN_EXPIRED' } }).kind).toBe('retry');
    expect(classifyUploadAnswer(201, { unexpected: true }).kind).toBe('retry');
  });
  it('when the request is refused for good, then it fails with the code', () => {
    expect(classifyUploadAnswer(404, { error: { code: 'PARTICIPANT.NOT_FOUND' } })).toEqual({
      kind: 'failed',
      error: 'PARTICIPANT.NOT_FOUND',
    });
    expect(classifyUploadAnswer(413, {})).toEqual({ kind: 'failed', error: 'HTTP_413' });
  });
});

describe('retryDelayMs', () => {
  it('when attempts grow, then the delay doubles from a second up to half a minute, jittered down to half', () => {
    expect(retryDelayMs(1, () => 1)).toBe(1000);
    expect(retryDelayMs(2, () => 1)).toBe(2000);
    expect(retryDelayMs(3, () => 0)).toBe(2000);
    expect(retryDelayMs(20, () => 1)).toBe(30_000);
  });
});

describe('uploader', () => {
  it('when the server stores the shot, then it is done with the version and the key made at the shutter', async () => {
    const outbox = await store();
    await addShot(outbox);
    const { send, calls } = scripted({ kind: 'done', version: 1 });
    const { uploader: up } = uploader(outbox, send);
    up.start();
    const shot = await until(outbox, 'shot-1', (s) => s.state === 'done');
    expect(shot).toMatchObject({ version: 1, attempts: 1, lastError: null });
    expect(calls).toEqual([{ key: 'key-shot-1-abcdefgh', expectedVersion: 0 }]);
  });

  it('when the network fails and the server restarts, then it retries with backoff and the same key until stored', async () => {
    const outbox = await store();
    await addShot(outbox);
    const { send, calls } = scripted(
      new TypeError('Failed to fetch'),
      { kind: 'retry', error: 'HTTP_503' },
      {
        kind: 'done',
        version: 1,
      },
    );
    const { uploader: up, clock } = uploader(outbox, send);
    up.start();
    await until(outbox, 'shot-1', (s) => s.lastError === 'NETWORK' && s.state === 'pending');
    await expect.poll(() => clock.scheduledIn()).toBe(1000);
    clock.fire();
    await until(outbox, 'shot-1', (s) => s.lastError === 'HTTP_503' && s.state === 'pending');
    await expect.poll(() => clock.scheduledIn()).toBe(2000);
    clock.fire();
    await until(outbox, 'shot-1', (s) => s.state === 'done');
    expect(calls.map((c) => c.key)).toEqual(Array(3).fill('key-shot-1-abcdefgh'));
    expect((await outbox.get('shot-1'))!.attempts).toBe(3);
  });

  it('when the answer is a conflict or a refusal, then the shot stops there and is not retried', async () => {
    const outbox = await store();
    await addShot(outbox, 'conflicting');
    await addShot(outbox, 'refused');
    const { send, calls } = scripted(
      { kind: 'conflict', currentVersion: 2 },
      { kind: 'failed', error: 'PARTICIPANT.NOT_FOUND' },
    );
    const { uploader: up, clock } = uploader(outbox, send);
    up.start();
    await until(outbox, 'refused', (s) => s.state === 'failed');
    expect(await outbox.get('conflicting')).toMatchObject({ state: 'conflict', currentVersion: 2 });
    expect((await outbox.get('refused'))!.lastError).toBe('PARTICIPANT.NOT_FOUND');
    expect(clock.scheduledIn()).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('when a page died mid-upload, then the next page resumes the shot with the same key', async () => {
    const name = `uploader-test-${++seq}`;
    const before = await store(name);
    await addShot(before);
    await before.update('shot-1', { state: 'uploading', attempts: 1 });
    before.close();

    const outbox = await store(name);
    const { send, calls } = scripted({ kind: 'done', version: 1 });
    uploader(outbox, send).uploader.start();
    await until(outbox, 'shot-1', (s) => s.state === 'done');
    expect(calls).toEqual([{ key: 'key-shot-1-abcdefgh', expectedVersion: 0 }]);
  });

  it('when two tabs run uploaders over one outbox, then each shot is sent once', async () => {
    const name = `uploader-test-${++seq}`;
    const [tabA, tabB] = [await store(name), await store(name)];
    await addShot(tabA);
    const locks = memoryLocks();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sends = 0;
    const slowSend: SendShot = async () => {
      sends++;
      await gate;
      return { kind: 'done', version: 1 };
    };
    const a = uploader(tabA, slowSend, manualClock(), locks).uploader;
    const b = uploader(tabB, slowSend, manualClock(), locks).uploader;
    a.start();
    await until(tabA, 'shot-1', (s) => s.state === 'uploading');
    b.start();
    await b.kick();
    release();
    await until(tabB, 'shot-1', (s) => s.state === 'done');
    expect(sends).toBe(1);
  });

  it('when the device comes back online, then waiting shots go at once whatever their backoff', async () => {
    const outbox = await store();
    await addShot(outbox);
    const { send, calls } = scripted(new TypeError('offline'), { kind: 'done', version: 1 });
    const { uploader: up, goOnline } = uploader(outbox, send);
    up.start();
    await until(outbox, 'shot-1', (s) => s.state === 'pending' && s.attempts === 1);
    goOnline();
    await until(outbox, 'shot-1', (s) => s.state === 'done');
    expect(calls).toHaveLength(2);
  });

  it('when the staff retries a failed shot now, then it is sent again with the same key', async () => {
    const outbox = await store();
    await addShot(outbox);
    const { send, calls } = scripted({ kind: 'failed', error: 'HTTP_413' }, { kind: 'done', version: 4 });
    const { uploader: up } = uploader(outbox, send);
    up.start();
    await until(outbox, 'shot-1', (s) => s.state === 'failed');
    await up.retryNow('shot-1');
    await until(outbox, 'shot-1', (s) => s.state === 'done');
    expect(calls.map((c) => c.key)).toEqual(['key-shot-1-abcdefgh', 'key-shot-1-abcdefgh']);
  });

  it('when the staff confirms the new version after a conflict, then the shot goes again with it', async () => {
    const outbox = await store();
    await addShot(outbox, 'shot-1', 1);
    const { send, calls } = scripted({ kind: 'conflict', currentVersion: 2 }, { kind: 'done', version: 3 });
    const { uploader: up } = uploader(outbox, send);
    up.start();
    await until(outbox, 'shot-1', (s) => s.state === 'conflict');
    await up.reconfirm('shot-1', 2);
    const shot = await until(outbox, 'shot-1', (s) => s.state === 'done');
    expect(shot.version).toBe(3);
    expect(calls).toEqual([
      { key: 'key-shot-1-abcdefgh', expectedVersion: 1 },
      { key: 'key-shot-1-abcdefgh', expectedVersion: 2 },
    ]);
  });

  it('when stopped, then no retry fires any more', async () => {
    const outbox = await store();
    await addShot(outbox);
    const { send, calls } = scripted(new TypeError('offline'));
    const { uploader: up, clock } = uploader(outbox, send);
    up.start();
    await until(outbox, 'shot-1', (s) => s.state === 'pending' && s.attempts === 1);
    await expect.poll(() => clock.scheduledIn()).not.toBeNull();
    up.stop();
    expect(clock.scheduledIn()).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it('when bytes go out, then progress listeners hear the fraction for the shot', async () => {
    const outbox = await store();
    await addShot(outbox);
    const { send } = scripted({ kind: 'done', version: 1 });
    const { uploader: up } = uploader(outbox, send);
    const heard: [string, number][] = [];
    up.onProgress((id, fraction) => heard.push([id, fraction]));
    up.start();
    await until(outbox, 'shot-1', (s) => s.state === 'done');
    expect(heard).toEqual([['shot-1', 1]]);
  });
});
