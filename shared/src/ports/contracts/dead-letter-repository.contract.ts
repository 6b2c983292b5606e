import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newDeadLetterId } from '../../domain/ids';
import type { DeadLetter, DeadLetterRepository } from '../dead-letter-repository.port';

export interface DeadLetterRepositoryFixture {
  repo: DeadLetterRepository;
  teardown: () => Promise<void>;
}

const T0 = Date.parse('2025-06-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

let counter = 0;
export function newDeadLetter(overrides: Partial<DeadLetter> = {}): DeadLetter {
  counter += 1;
  return {
    id: newDeadLetterId(),
    subscription: 'image-uploaded.colour-pipeline',
    topic: 'image-uploaded',
    messageId: `message-${counter}-${Math.random().toString(36).slice(2)}`,
    data: Buffer.from(JSON.stringify({ imageId: `img_${counter}` })),
    attributes: { event: 'image.uploaded', version: '1' },
    orderingKey: null,
    reason: 'handler threw: boom',
    attempts: 5,
    kind: 'exhausted',
    deadLetteredAt: at(counter),
    replayedAt: null,
    ...overrides,
  };
}

/** The semantics every DeadLetterRepository adapter must keep; run it against each one. */
export function deadLetterRepositoryContract(
  name: string,
  setup: () => Promise<DeadLetterRepositoryFixture>,
) {
  describe(`DeadLetterRepository contract: ${name}`, () => {
    let repo: DeadLetterRepository;
    let teardown: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, teardown } = await setup());
    });
    afterEach(async () => {
      await teardown();
    });

    it('when a letter is recorded, then it is returned and can be read back byte for byte', async () => {
      const letter = newDeadLetter({
        data: Buffer.from([0, 255, 1, 128, 10, 13]),
        attributes: { event: 'x', 'with space': 'ünïcödé' },
        orderingKey: 'v_abc',
        kind: 'rejected',
      });
      expect(await repo.record(letter)).toEqual(letter);
      const read = await repo.get(letter.id);
      expect(read).toEqual(letter);
      expect(Buffer.isBuffer(read?.data)).toBe(true);
    });

    it('when the same message is dead-lettered again on a subscription, then the first letter is kept', async () => {
      const first = newDeadLetter();
      await repo.record(first);
      const again = newDeadLetter({
        messageId: first.messageId,
        reason: 'again',
        attempts: 9,
        deadLetteredAt: at(500),
      });
      expect(await repo.record(again)).toEqual(first);
      expect(await repo.get(again.id)).toBeNull();
      expect((await repo.list({ limit: 10 })).items).toEqual([first]);
    });

    it('when the same message dies on two subscriptions, then each keeps its own letter', async () => {
      const a = newDeadLetter();
      const b = newDeadLetter({ messageId: a.messageId, subscription: 'image-uploaded.update-feed' });
      await repo.record(a);
      expect(await repo.record(b)).toEqual(b);
      expect((await repo.list({ limit: 10 })).items).toHaveLength(2);
    });

    it('when the id is unknown, then get answers null', async () => {
      expect(await repo.get(newDeadLetterId())).toBeNull();
    });

    it('when replayed, then replayedAt is set and nothing else changes', async () => {
      const letter = newDeadLetter();
      await repo.record(letter);
      await repo.markReplayed(letter.id, at(900));
      expect(await repo.get(letter.id)).toEqual({ ...letter, replayedAt: at(900) });
    });

    it('when an unknown letter is marked replayed, then nothing happens', async () => {
      await expect(repo.markReplayed(newDeadLetterId(), at(900))).resolves.toBeUndefined();
    });

    it('when listed page by page, then newest first, each once, and next is null on the last page', async () => {
      const letters = [
        newDeadLetter({ deadLetteredAt: at(100) }),
        newDeadLetter({ deadLetteredAt: at(101) }),
      ];
      letters.push(newDeadLetter({ deadLetteredAt: at(101) }), newDeadLetter({ deadLetteredAt: at(102) }));
      for (const letter of letters) await repo.record(letter);
      const seen: DeadLetter[] = [];
      let after: string | null = null;
      do {
        const page = await repo.list({ limit: 3, after });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items);
        after = page.next;
      } while (after !== null);
      expect(seen).toHaveLength(4);
      expect(seen[0]).toEqual(letters[3]);
      expect(seen[3]).toEqual(letters[0]);
      expect(seen.slice(1, 3)).toEqual(expect.arrayContaining([letters[1], letters[2]]));
    });

    it('when letters are recorded, repeated and replayed, then only those never replayed are waiting', async () => {
      expect(await repo.countWaiting()).toBe(0);
      const [a, b, c] = [newDeadLetter(), newDeadLetter(), newDeadLetter()];
      for (const letter of [a, b, c]) await repo.record(letter);
      await repo.record(newDeadLetter({ messageId: a.messageId }));
      expect(await repo.countWaiting()).toBe(3);
      await repo.markReplayed(b.id, at(900));
      await repo.markReplayed(b.id, at(901));
      expect(await repo.countWaiting()).toBe(2);
    });

    it('when there are none, then an empty last page; a malformed cursor rejects with REQUEST.INVALID_CURSOR', async () => {
      expect(await repo.list({ limit: 5 })).toEqual({ items: [], next: null });
      await expect(repo.list({ limit: 5, after: 'nope' })).rejects.toMatchObject({
        code: 'REQUEST.INVALID_CURSOR',
      });
    });
  });
}
