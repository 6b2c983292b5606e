import { describe, expect, it } from 'vitest';
import { codeExpiry, codeStillValid } from './check-in-code';

describe('codeExpiry', () => {
  it('when the payload is a check-in code, then its base-36 expiry is read as a date', () => {
    const seconds = Date.parse('2026-12-24T10:00:00Z') / 1000;
    expect(codeExpiry(`PQR1.v_00000000000000000000.${seconds.toString(36)}.bWFj`)).toEqual(
      new Date('2026-12-24T10:00:00Z'),
    );
  });

  it('when the payload is of another shape, then there is no date', () => {
    expect(codeExpiry('PQR2.v_0.1.x')).toBeNull();
    expect(codeExpiry('hello')).toBeNull();
  });
});

describe('codeStillValid', () => {
  const at = Date.parse('2026-12-24T10:00:00Z');

  it('when the expiry is now or later, then the code is valid; when it has passed, then not', () => {
    expect(codeStillValid('2026-12-24T10:00:00.000Z', at)).toBe(true);
    expect(codeStillValid('2026-12-24T10:00:00.000Z', at + 1)).toBe(false);
  });

  it('when the expiry is not known, then the code is shown as it is', () => {
    expect(codeStillValid(null, at)).toBe(true);
  });
});
