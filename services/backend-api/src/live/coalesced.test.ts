import { describe, expect, it } from 'vitest';
import { coalesced } from './coalesced';

describe('coalesced rounds', () => {
  it('when called during a round, then exactly one more round follows, never two at once', async () => {
    let running = 0;
    let maxRunning = 0;
    let rounds = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const send = coalesced(
      async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        rounds++;
        if (rounds === 1) await gate;
        running--;
      },
      () => undefined,
    );
    const first = send();
    await Promise.all([send(), send(), send()]);
    release();
    await first;
    expect(rounds).toBe(2);
    expect(maxRunning).toBe(1);
  });

  it('when a round asks for another, then it runs at once; when one throws, then the failure is reported', async () => {
    let rounds = 0;
    const failures: unknown[] = [];
    await coalesced(
      async () => ++rounds < 3,
      (e) => failures.push(e),
    )();
    expect(rounds).toBe(3);
    await coalesced(
      async () => {
        throw new Error('store down');
      },
      (e) => failures.push(e),
    )();
    expect(failures).toHaveLength(1);
  });
});
