import { describe, expect, it } from 'vitest';
import { handledCount } from './handled-count';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('handled count', () => {
  it('when participants are handled, then each counts once however often they are photographed', () => {
    const count = handledCount(memoryStorage(), 'staff|a');
    expect(count.add('v_1')).toBe(1);
    expect(count.add('v_2')).toBe(2);
    expect(count.add('v_1')).toBe(2);
    expect(count.count).toBe(2);
  });

  it('when the page reloads, then the count of the same account carries on', () => {
    const storage = memoryStorage();
    handledCount(storage, 'staff|a').add('v_1');
    expect(handledCount(storage, 'staff|a').count).toBe(1);
  });

  it('when another account logs in on the device, then it starts from zero', () => {
    const storage = memoryStorage();
    handledCount(storage, 'staff|a').add('v_1');
    expect(handledCount(storage, 'staff|b').count).toBe(0);
  });

  it('when reset (logout), then nothing is kept', () => {
    const storage = memoryStorage();
    const count = handledCount(storage, 'staff|a');
    count.add('v_1');
    count.reset();
    expect(count.count).toBe(0);
    expect(handledCount(storage, 'staff|a').count).toBe(0);
  });

  it('when storage holds garbage or is missing, then the count starts at zero', () => {
    const storage = memoryStorage();
    storage.setItem('staff.handled', '{not json');
    expect(handledCount(storage, 'staff|a').count).toBe(0);
    expect(handledCount(null, 'staff|a').add('v_1')).toBe(1);
  });
});
