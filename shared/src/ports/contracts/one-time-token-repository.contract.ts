import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newImageId } from '../../domain/ids';
import type { OneTimeGrant, OneTimeTokenRepository } from '../one-time-token-repository.port';

export interface OneTimeTokenRepositoryFixture {
  repo: OneTimeTokenRepository;
  teardown: () => Promise<void>;
}

const T0 = Date.parse('2025-06-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

let counter = 0;
/** A grant created at 0 s that expires at 60 s. */
export function newGrant(overrides: Partial<OneTimeGrant> = {}): OneTimeGrant {
  counter += 1;
  return {
    tokenHash: `hash-${counter}-${Math.random().toString(36).slice(2)}`,
    imageId: newImageId(),
    version: 1,
    variant: 'processed',
    createdAt: at(0),
    expiresAt: at(60),
    ...overrides,
  };
}

/** The semantics every OneTimeTokenRepository adapter must keep; run it against each one. */
export function oneTimeTokenRepositoryContract(
  name: string,
  setup: () => Promise<OneTimeTokenRepositoryFixture>,
) {
  describe(`OneTimeTokenRepository contract: ${name}`, () => {
    let repo: OneTimeTokenRepository;
    let teardown: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, teardown } = await setup());
    });
    afterEach(async () => {
      await teardown();
    });

    it('when a valid token is consumed, then it is granted with its grant, and a second consume is used', async () => {
      const grant = newGrant();
      await repo.create(grant);
      expect(await repo.consume(grant.tokenHash, at(10))).toEqual({ outcome: 'granted', grant });
      expect(await repo.consume(grant.tokenHash, at(11))).toEqual({ outcome: 'used' });
      expect(await repo.peek(grant.tokenHash, at(12))).toEqual({ outcome: 'used' });
    });

    it('when a token is peeked, then it answers granted without using the token up', async () => {
      const grant = newGrant();
      await repo.create(grant);
      expect(await repo.peek(grant.tokenHash, at(10))).toEqual({ outcome: 'granted', grant });
      expect(await repo.peek(grant.tokenHash, at(10))).toEqual({ outcome: 'granted', grant });
      expect(await repo.consume(grant.tokenHash, at(10))).toEqual({ outcome: 'granted', grant });
    });

    it('when the token is unknown, then consume and peek answer unknown', async () => {
      await repo.create(newGrant());
      expect(await repo.consume('no-such-hash', at(10))).toEqual({ outcome: 'unknown' });
      expect(await repo.peek('no-such-hash', at(10))).toEqual({ outcome: 'unknown' });
    });

    it('when now reaches expiresAt, then the token is expired and stays unused', async () => {
      const grant = newGrant();
      await repo.create(grant);
      expect(await repo.peek(grant.tokenHash, new Date(grant.expiresAt.getTime() - 1))).toMatchObject({
        outcome: 'granted',
      });
      expect(await repo.consume(grant.tokenHash, grant.expiresAt)).toEqual({ outcome: 'expired' });
      expect(await repo.peek(grant.tokenHash, at(61))).toEqual({ outcome: 'expired' });
      expect(await repo.consume(grant.tokenHash, at(120))).toEqual({ outcome: 'expired' });
    });

    it('when a used token has also expired, then it answers used', async () => {
      const grant = newGrant();
      await repo.create(grant);
      await repo.consume(grant.tokenHash, at(10));
      expect(await repo.consume(grant.tokenHash, at(120))).toEqual({ outcome: 'used' });
      expect(await repo.peek(grant.tokenHash, at(120))).toEqual({ outcome: 'used' });
    });

    it('when 50 consumers race for one token, then exactly one is granted and the rest see used', async () => {
      const grant = newGrant();
      await repo.create(grant);
      const results = await Promise.all(
        Array.from({ length: 50 }, () => repo.consume(grant.tokenHash, at(10))),
      );
      expect(results.filter((r) => r.outcome === 'granted')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'used')).toHaveLength(49);
    });

    it('when tokens differ, then consuming one leaves the others alone', async () => {
      const a = newGrant();
      const b = newGrant({ imageId: a.imageId });
      await repo.create(a);
      await repo.create(b);
      await repo.consume(a.tokenHash, at(10));
      expect(await repo.consume(b.tokenHash, at(10))).toEqual({ outcome: 'granted', grant: b });
    });

    it('when expired grants are deleted, then only those that expired before the instant go, used or not', async () => {
      const old = newGrant({ expiresAt: at(30) });
      const oldUsed = newGrant({ expiresAt: at(40) });
      const boundary = newGrant({ expiresAt: at(60) });
      const fresh = newGrant({ expiresAt: at(90) });
      for (const g of [old, oldUsed, boundary, fresh]) await repo.create(g);
      await repo.consume(oldUsed.tokenHash, at(10));

      expect(await repo.deleteExpired(at(60))).toBe(2);
      expect(await repo.peek(old.tokenHash, at(10))).toEqual({ outcome: 'unknown' });
      expect(await repo.peek(oldUsed.tokenHash, at(10))).toEqual({ outcome: 'unknown' });
      expect(await repo.peek(boundary.tokenHash, at(10))).toEqual({ outcome: 'granted', grant: boundary });
      expect(await repo.peek(fresh.tokenHash, at(10))).toEqual({ outcome: 'granted', grant: fresh });
      expect(await repo.deleteExpired(at(60))).toBe(0);
    });
  });
}
