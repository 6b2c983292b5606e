import { describe, expect, it } from 'vitest';
import { startFrameScanner } from './frame-scanner';
import type { Pixels, QrDecoder } from './qr-decoder';
import { createScanDeduper } from './scan-deduper';

const frame = (tag: number): Pixels => ({
  width: 1,
  height: 1,
  data: new Uint8ClampedArray([tag, 0, 0, 255]),
});

/** A schedule the test steps through by hand. */
function steps() {
  const queue: (() => void)[] = [];
  return {
    schedule: (callback: () => void) => {
      queue.push(callback);
      return () => queue.splice(queue.indexOf(callback) >>> 0, 1);
    },
    async run(times: number) {
      for (let i = 0; i < times; i++) {
        queue.shift()?.();
        await new Promise((r) => setTimeout(r, 0));
      }
    },
    pending: () => queue.length,
  };
}

describe('frame scanner', () => {
  it('when frames show codes, then each new code is reported once and empty frames are skipped', async () => {
    const frames = [null, frame(1), frame(1), frame(0), frame(2), frame(1)];
    const decoder: QrDecoder = { decode: async (f) => (f.data[0] === 0 ? null : `code-${f.data[0]}`) };
    const heard: string[] = [];
    const clock = steps();
    startFrameScanner({
      source: { grab: () => frames.shift() ?? null },
      decoder,
      deduper: createScanDeduper(10_000, () => 0),
      onCode: (code) => heard.push(code),
      schedule: clock.schedule,
    });
    await clock.run(7);
    expect(heard).toEqual(['code-1', 'code-2']);
  });

  it('when a decode throws, then scanning goes on', async () => {
    let calls = 0;
    const decoder: QrDecoder = {
      decode: async () => {
        calls++;
        if (calls === 1) throw new Error('bad frame');
        return 'code';
      },
    };
    const heard: string[] = [];
    const clock = steps();
    startFrameScanner({
      source: { grab: () => frame(1) },
      decoder,
      deduper: createScanDeduper(10_000, () => 0),
      onCode: (code) => heard.push(code),
      schedule: clock.schedule,
    });
    await clock.run(3);
    expect(heard).toEqual(['code']);
  });

  it('when stopped, then no frame is decoded any more', async () => {
    let calls = 0;
    const clock = steps();
    const scanner = startFrameScanner({
      source: { grab: () => frame(1) },
      decoder: { decode: async () => (calls++, null) },
      deduper: createScanDeduper(10_000, () => 0),
      onCode: () => {},
      schedule: clock.schedule,
    });
    await clock.run(2);
    scanner.stop();
    await clock.run(3);
    expect(calls).toBe(2);
    expect(clock.pending()).toBe(0);
  });
});
