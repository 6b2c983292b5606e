import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { automationKey, type AutomationDecision, type AutomationSettings } from '../../domain/automation';
import { newImageId } from '../../domain/ids';
import type { AutomationRepository } from '../automation-repository.port';

export interface AutomationRepositoryFixture {
  automation: AutomationRepository;
  teardown: () => Promise<void>;
}

const T0 = Date.parse('2025-06-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);
const pal = (n: number) => `pal_${n.toString(16).padStart(24, '0')}`;

const decision = (imageId: string, paletteIds: string[], seconds = 0): AutomationDecision => ({
  key: automationKey('looks', imageId, 1),
  rule: 'looks',
  imageId,
  version: 1,
  paletteIds,
  decidedAt: at(seconds),
});

/** The semantics every AutomationRepository adapter must keep; run it against each one. */
export function automationRepositoryContract(
  name: string,
  setup: () => Promise<AutomationRepositoryFixture>,
): void {
  describe(`AutomationRepository contract: ${name}`, () => {
    let automation: AutomationRepository;
    let teardown: () => Promise<void>;
    beforeEach(async () => {
      ({ automation, teardown } = await setup());
    });
    afterEach(async () => {
      await teardown();
    });

    it('when settings were never saved, then null; once saved, they round-trip and a second save replaces them', async () => {
      expect(await automation.getSettings()).toBeNull();
      const first: AutomationSettings = {
        autoGenerate: true,
        looks: { source: 'newest', newest: 3, pinnedPaletteIds: [] },
        updatedAt: at(1),
        updatedBy: 'user:op-1',
      };
      await automation.putSettings(first);
      expect(await automation.getSettings()).toEqual(first);
      const second: AutomationSettings = {
        autoGenerate: false,
        looks: { source: 'pinned', newest: 2, pinnedPaletteIds: [pal(2), pal(1)] },
        updatedAt: at(2),
        updatedBy: 'user:op-2',
      };
      await automation.putSettings(second);
      expect(await automation.getSettings()).toEqual(second);
    });

    it('when a key is decided twice, then the first decision wins and both callers get it back', async () => {
      const imageId = newImageId();
      const first = await automation.decide(decision(imageId, [pal(1), pal(2)], 1));
      expect(first).toEqual({ decision: decision(imageId, [pal(1), pal(2)], 1), first: true, done: false });
      const again = await automation.decide(decision(imageId, [pal(3)], 2));
      expect(again).toEqual({ decision: decision(imageId, [pal(1), pal(2)], 1), first: false, done: false });
    });

    it('when two callers decide one key at once, then exactly one records it and both see the same palettes', async () => {
      const imageId = newImageId();
      const answers = await Promise.all([
        automation.decide(decision(imageId, [pal(4)])),
        automation.decide(decision(imageId, [pal(5)])),
      ]);
      expect(answers.filter((a) => a.first)).toHaveLength(1);
      expect(answers[0]!.decision.paletteIds).toEqual(answers[1]!.decision.paletteIds);
    });

    it('when a decision is marked done, then deciding its key again says so; other keys are untouched', async () => {
      const a = newImageId();
      const b = newImageId();
      await automation.decide(decision(a, [pal(1)]));
      await automation.decide(decision(b, [pal(1)]));
      await automation.markDone(automationKey('looks', a, 1), at(5));
      expect((await automation.decide(decision(a, [pal(1)]))).done).toBe(true);
      expect((await automation.decide(decision(b, [pal(1)]))).done).toBe(false);
    });
  });
}
