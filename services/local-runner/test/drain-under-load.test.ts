import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyJpeg } from '@photo/shared/testing/images';
import { tempDir } from '@photo/shared/testing/system-under-test';
import { bannerToken, freePorts, ready, startRunner, type RunnerProcess } from './chaos/runner-process';

/** A request body that sends its first half, then waits for `release` before sending the rest. */
function halfNowHalfLater(
  bytes: Buffer,
  release: Promise<void>,
  sent: () => void,
): ReadableStream<Uint8Array> {
  const half = Math.floor(bytes.length / 2);
  let step = 0;
  return new ReadableStream({
    async pull(controller) {
      if (step++ === 0) {
        controller.enqueue(new Uint8Array(bytes.subarray(0, half)));
        sent();
        return;
      }
      await release;
      controller.enqueue(new Uint8Array(bytes.subarray(half)));
      controller.close();
    },
  });
}

describe('drain: SIGTERM to the npm start process group while uploads are in flight', () => {
  let data: Awaited<ReturnType<typeof tempDir>>;
  let runner: RunnerProcess;
  let backend: string;
  let operator: string;

  beforeAll(async () => {
    data = await tempDir('drain-');
    const ports = await freePorts();
    backend = `http://127.0.0.1:${ports.backend}`;
    runner = startRunner(data.dir, ports, { LOG_LEVEL: 'warn' });
    await ready(runner);
    operator = await bannerToken(runner.output(), `http://127.0.0.1:${ports.identity}`, 'operator');
  }, 90_000);

  afterAll(async () => {
    runner.signalGroup('SIGKILL');
    await data.remove();
  });

  it('when every upload has begun before the signal, then each is answered 2xx and the runner exits 0 soon after', async () => {
    const images = await Promise.all([1, 2, 3, 4, 5, 6].map((s) => noisyJpeg(400, 300, s)));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let begun = 0;
    const uploads = images.map((bytes, i) =>
      fetch(`${backend}/images`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${operator}`,
          'content-type': 'image/jpeg',
          'idempotency-key': `drain-upload-${i}`,
        },
        body: halfNowHalfLater(bytes, released, () => begun++),
        duplex: 'half',
      } as RequestInit).then(async (res) => ({ status: res.status, body: await res.text() })),
    );
    while (begun < images.length) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 200)); // the first halves have reached the server

    const signalled = Date.now();
    runner.signalGroup('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    release();

    const answers = await Promise.all(uploads);
    expect(answers.map((a) => a.status)).toEqual(images.map(() => 201));
    const exit = await runner.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    // Within Cloud Run's 10 s grace, and well before it: idle kept-alive connections do not hold the drain.
    expect(Date.now() - signalled).toBeLessThan(8_000);
    await expect(fetch(`${backend}/healthz`)).rejects.toThrow();
  }, 60_000);
});
