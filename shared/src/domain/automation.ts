import { z } from 'zod';
import { paletteIdSchema as paletteId } from './palette';

/**
 * Automation of the colour chain, set per event by its operators: each event image, once clustered, gets its
 * generated artwork; each participant photo, once clustered, gets a look from the newest event palettes or from the
 * palettes the operators pinned. The rules run in the workers, on the image.clustered event.
 */

/** A look takes at most this many palettes (processing.requested's limit). */
export const MAX_LOOK_PALETTES = 8;

/** Where an automatic look's palettes come from: none (no automatic looks), the newest event palettes, pinned ones. */
export const LOOK_SOURCES = ['off', 'newest', 'pinned'] as const;
export type LookSource = (typeof LOOK_SOURCES)[number];

/** The rules' part of the settings, as operators send it and as the adapters store it. */
export const automationRulesSchema = z
  .object({
    /** Each clustered event image is generated from its own palette. */
    autoGenerate: z.boolean(),
    looks: z
      .object({
        source: z.enum(LOOK_SOURCES),
        /** With `newest`: how many of the newest event palettes a look takes. */
        newest: z.number().int().min(1).max(MAX_LOOK_PALETTES),
        /** With `pinned`: the palettes a look takes. */
        pinnedPaletteIds: z.array(paletteId).max(MAX_LOOK_PALETTES),
      })
      .strict()
      .refine((l) => l.source !== 'pinned' || l.pinnedPaletteIds.length > 0, {
        message: 'pinned looks need at least one pinned palette',
        path: ['pinnedPaletteIds'],
      }),
  })
  .strict();
export type AutomationRules = z.infer<typeof automationRulesSchema>;

export interface AutomationSettings extends AutomationRules {
  /** Null until an operator saves them. */
  updatedAt: Date | null;
  /** `user:{subject}` of the operator who saved them last. */
  updatedBy: string | null;
}

export const DEFAULT_AUTOMATION: AutomationSettings = {
  autoGenerate: false,
  looks: { source: 'off', newest: 3, pinnedPaletteIds: [] },
  updatedAt: null,
  updatedBy: null,
};

export const AUTOMATION_RULES = ['generation', 'looks'] as const;
export type AutomationRule = (typeof AUTOMATION_RULES)[number];

/**
 * What a rule decided for one image version, recorded once under its key: a redelivered clustered event follows the
 * first decision (the same palettes, so the same look id) even if the settings or the newest palettes changed since.
 */
export interface AutomationDecision {
  key: string;
  rule: AutomationRule;
  imageId: string;
  version: number;
  paletteIds: string[];
  decidedAt: Date;
}

export const automationKey = (rule: AutomationRule, imageId: string, version: number): string =>
  `${rule}:${imageId}:v${version}`;
