import { describe, expect, it } from 'vitest';
import { SpoolSlots } from './spool-slots';

describe('SpoolSlots', () => {
  it('when every slot is taken and the queue is full, then one more is refused at once with 503 and Retry-After', async () => {
    const slots = new SpoolSlots(1, 60_000, 1);
    const first = await slots.acquire();
    const second = slots.acquire();
    await expect(slots.acquire()).rejects.toMatchObject({
      code: 'SERVICE.UNAVAILABLE',
      status: 503,
      details: { retryAfterSeconds: 5 },
    });
    first();
    const release = await second;
    release();
    // The refused caller left nothing behind: both slots' worth of callers get in again.
    (await slots.acquire())();
    expect(slots.peak).toBe(1);
  });

  it('when the queue is zero, then a caller gets a free slot or an immediate refusal, never a wait', async () => {
    const slots = new SpoolSlots(2, 60_000, 0);
    const held = [await slots.acquire(), await slots.acquire()];
    await expect(slots.acquire()).rejects.toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
    held[0]!();
    await expect(slots.acquire()).resolves.toBeTypeOf('function');
  });

  it('when a waiter gives up after its wait, then its place in the queue is free for the next caller', async () => {
    const slots = new SpoolSlots(1, 20, 1);
    const held = await slots.acquire();
    await expect(slots.acquire()).rejects.toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
    const next = slots.acquire();
    held();
    await expect(next).resolves.toBeTypeOf('function');
  });

  it('when the queue bound is not a count, then the slots refuse to be built', () => {
    expect(() => new SpoolSlots(1, 1000, -1)).toThrow(RangeError);
    expect(() => new SpoolSlots(1, 1000, 1.5)).toThrow(RangeError);
  });
});
