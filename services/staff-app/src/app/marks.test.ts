import { afterEach, describe, expect, it } from 'vitest';
import { mark } from './marks';

const measures = (name: string) => performance.getEntriesByName(name, 'measure');

afterEach(() => {
  performance.clearMarks();
  performance.clearMeasures();
});

describe('staff marks', () => {
  it('when a scanned code’s card is shown, then one scan-to-card measure is recorded', () => {
    mark('scan-decoded');
    mark('card-shown');
    expect(measures('staff:scan-to-card')).toHaveLength(1);
  });

  it('when a card is shown without a scan before it (from the outbox), then nothing is measured', () => {
    mark('scan-decoded');
    mark('card-shown');
    mark('card-shown');
    expect(measures('staff:scan-to-card')).toHaveLength(1);
  });

  it('when an accepted shot is confirmed, then the accept-to-confirmed measure spans the two', () => {
    mark('accept');
    mark('upload-confirmed');
    const [measure] = measures('staff:accept-to-confirmed');
    expect(measure?.duration).toBeGreaterThanOrEqual(0);
    expect(measures('staff:scan-to-card')).toHaveLength(0);
  });
});
