import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newImageId, newVisitorId } from '../../domain/ids';
import type { Participant } from '../../domain/participant';
import type { NewParticipant, ParticipantRepository } from '../participant-repository.port';

export interface ParticipantRepositoryFixture {
  repo: ParticipantRepository;
  teardown: () => Promise<void>;
}

const T0 = Date.parse('2025-06-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

let counter = 0;
export function newParticipant(overrides: Partial<NewParticipant> = {}): NewParticipant {
  counter += 1;
  return {
    visitorId: newVisitorId(),
    displayName: `Guest ${counter}`,
    email: `guest${counter}@example.org`,
    externalRef: `ticket-${counter}-${Math.random().toString(36).slice(2)}`,
    source: 'import',
    photoImageId: newImageId(),
    createdAt: at(counter),
    tokenHash: `hash-${counter}-${Math.random().toString(36).slice(2)}`,
    ...overrides,
  };
}

/** What the repository hands back: the participant without its token hash. */
const stored = ({ tokenHash: _, ...participant }: NewParticipant): Participant => participant;

/** The semantics every ParticipantRepository adapter must keep; run it against each one. */
export function participantRepositoryContract(
  name: string,
  setup: () => Promise<ParticipantRepositoryFixture>,
) {
  describe(`ParticipantRepository contract: ${name}`, () => {
    let repo: ParticipantRepository;
    let teardown: () => Promise<void>;

    beforeEach(async () => {
      ({ repo, teardown } = await setup());
    });
    afterEach(async () => {
      await teardown();
    });

    describe('createMany', () => {
      it('when participants are new, then all are created and can be found by id and by token hash', async () => {
        const batch = [
          newParticipant(),
          newParticipant({ email: null, externalRef: null, source: 'operator' }),
        ];
        const result = await repo.createMany(batch);
        expect(result).toEqual({ created: batch.map(stored), existing: [] });
        for (const p of batch) {
          expect(await repo.findById(p.visitorId)).toEqual(stored(p));
          expect(await repo.findByTokenHash(p.tokenHash)).toEqual(stored(p));
        }
      });

      it('when a participant is returned, then it carries no token hash and its dates are Dates', async () => {
        const p = newParticipant();
        const { created } = await repo.createMany([p]);
        const found = await repo.findById(p.visitorId);
        for (const participant of [created[0], found]) {
          expect(participant).not.toHaveProperty('tokenHash');
          expect(participant?.createdAt).toBeInstanceOf(Date);
        }
      });

      it('when the batch is empty, then nothing is created', async () => {
        expect(await repo.createMany([])).toEqual({ created: [], existing: [] });
        expect((await repo.list({ limit: 10 })).items).toEqual([]);
      });

      it('when an import is re-run, then existing externalRefs come back unchanged in existing', async () => {
        const first = [newParticipant(), newParticipant()];
        await repo.createMany(first);
        const rerun = first.map((p) =>
          newParticipant({ externalRef: p.externalRef, displayName: 'Renamed' }),
        );
        const result = await repo.createMany(rerun);
        expect(result).toEqual({ created: [], existing: first.map(stored) });
        for (const p of rerun) expect(await repo.findById(p.visitorId)).toBeNull();
        expect((await repo.list({ limit: 10 })).items).toHaveLength(2);
      });

      it('when a batch mixes new and known externalRefs, then only the new ones are created', async () => {
        const known = newParticipant();
        await repo.createMany([known]);
        const fresh = newParticipant();
        const result = await repo.createMany([newParticipant({ externalRef: known.externalRef }), fresh]);
        expect(result).toEqual({ created: [stored(fresh)], existing: [stored(known)] });
      });

      it('when one batch repeats an externalRef, then the first is created and the repeat is reported existing', async () => {
        const first = newParticipant();
        const repeat = newParticipant({ externalRef: first.externalRef });
        const result = await repo.createMany([first, repeat]);
        expect(result).toEqual({ created: [stored(first)], existing: [stored(first)] });
        expect(await repo.findById(repeat.visitorId)).toBeNull();
        expect((await repo.list({ limit: 10 })).items).toHaveLength(1);
      });

      it('when participants have no externalRef, then each is created, never deduplicated', async () => {
        const batch = [newParticipant({ externalRef: null }), newParticipant({ externalRef: null })];
        const result = await repo.createMany(batch);
        expect(result.created).toHaveLength(2);
        expect(result.existing).toEqual([]);
      });

      it('when one participant of a batch cannot be stored, then none of the batch is', async () => {
        const ok = newParticipant();
        const clash = newParticipant({ visitorId: ok.visitorId });
        const before = newParticipant();
        await expect(repo.createMany([before, ok, clash])).rejects.toThrow();
        for (const p of [before, ok]) {
          expect(await repo.findById(p.visitorId)).toBeNull();
          expect(await repo.findByTokenHash(p.tokenHash)).toBeNull();
        }
        expect((await repo.list({ limit: 10 })).items).toEqual([]);
      });
    });

    describe('find', () => {
      it('when the id or token hash is unknown, then null', async () => {
        await repo.createMany([newParticipant()]);
        expect(await repo.findById(newVisitorId())).toBeNull();
        expect(await repo.findByTokenHash('no-such-hash')).toBeNull();
      });
    });

    describe('list', () => {
      it('when there are no participants, then an empty last page', async () => {
        expect(await repo.list({ limit: 5 })).toEqual({ items: [], next: null });
      });

      it('when listed page by page, then newest first, each once, and next is null on the last page', async () => {
        const all = Array.from({ length: 5 }, (_, i) => newParticipant({ createdAt: at(100 + i) }));
        await repo.createMany(all);
        const newestFirst = [...all].reverse().map(stored);

        const first = await repo.list({ limit: 2 });
        expect(first.items).toEqual(newestFirst.slice(0, 2));
        expect(first.next).toEqual(expect.any(String));
        const second = await repo.list({ limit: 2, after: first.next });
        expect(second.items).toEqual(newestFirst.slice(2, 4));
        const third = await repo.list({ limit: 2, after: second.next });
        expect(third).toEqual({ items: newestFirst.slice(4), next: null });
      });

      it('when listed oldest first page by page, then oldest first, each once, ties broken alike', async () => {
        const same = at(900);
        const all = [
          newParticipant({ createdAt: at(800) }),
          ...Array.from({ length: 3 }, () => newParticipant({ createdAt: same })),
          newParticipant({ createdAt: at(950) }),
        ];
        await repo.createMany(all);
        const seen: Participant[] = [];
        let after: string | null = null;
        do {
          const page = await repo.list({ limit: 2, after, order: 'oldest' });
          seen.push(...page.items);
          after = page.next;
        } while (after !== null);
        const newest = (await repo.list({ limit: 10 })).items;
        expect(seen).toEqual([...newest].reverse());
        expect(seen[0]).toEqual(stored(all[0]!));
        expect(seen.at(-1)).toEqual(stored(all[4]!));
      });

      it('when the last page is exactly full, then its next is null', async () => {
        await repo.createMany([newParticipant(), newParticipant()]);
        expect((await repo.list({ limit: 2 })).next).toBeNull();
      });

      it('when participants share a createdAt, then paging still returns each exactly once', async () => {
        const same = at(500);
        const all = Array.from({ length: 7 }, () => newParticipant({ createdAt: same }));
        await repo.createMany(all);
        const seen: string[] = [];
        let after: string | null = null;
        do {
          const page = await repo.list({ limit: 3, after });
          seen.push(...page.items.map((p) => p.visitorId));
          after = page.next;
        } while (after !== null);
        expect([...seen].sort()).toEqual(all.map((p) => p.visitorId).sort());
        expect(new Set(seen).size).toBe(7);
      });

      it('when the cursor is malformed, then it rejects with REQUEST.INVALID_CURSOR', async () => {
        await expect(repo.list({ limit: 2, after: 'not-a-cursor' })).rejects.toMatchObject({
          code: 'REQUEST.INVALID_CURSOR',
        });
      });
    });

    it('when participants are created and an import is re-run, then count answers each participant once', async () => {
      expect(await repo.count()).toBe(0);
      const batch = [newParticipant(), newParticipant(), newParticipant({ externalRef: null })];
      await repo.createMany(batch);
      await repo.createMany([batch[0]!, newParticipant()]);
      expect(await repo.count()).toBe(4);
    });

    describe('tokens', () => {
      it('when a token is replaced, then the new hash finds the participant and the old one is retired as rotated', async () => {
        const p = newParticipant();
        await repo.createMany([p]);
        expect(await repo.replaceToken(p.visitorId, `${p.tokenHash}-new`, 'rotated', at(900))).toBe(true);
        expect(await repo.findByTokenHash(`${p.tokenHash}-new`)).toEqual(stored(p));
        expect(await repo.findByTokenHash(p.tokenHash)).toBeNull();
        expect(await repo.findRetiredToken(p.tokenHash)).toEqual({
          visitorId: p.visitorId,
          reason: 'rotated',
          retiredAt: at(900),
        });
        expect(await repo.findRetiredToken(`${p.tokenHash}-new`)).toBeNull();
      });

      it('when a token is replaced twice, then each earlier hash keeps its own reason', async () => {
        const p = newParticipant();
        await repo.createMany([p]);
        await repo.replaceToken(p.visitorId, `${p.tokenHash}-2`, 'rotated', at(901));
        await repo.replaceToken(p.visitorId, `${p.tokenHash}-3`, 'revoked', at(902));
        expect((await repo.findRetiredToken(p.tokenHash))?.reason).toBe('rotated');
        expect((await repo.findRetiredToken(`${p.tokenHash}-2`))?.reason).toBe('revoked');
        expect(await repo.findByTokenHash(`${p.tokenHash}-2`)).toBeNull();
      });

      it('when the participant does not exist, then false and no hash is retired', async () => {
        expect(await repo.replaceToken(newVisitorId(), 'hash-of-nobody-new', 'revoked', at(903))).toBe(false);
        expect(await repo.findRetiredToken('hash-of-nobody-new')).toBeNull();
      });
    });
  });
}
