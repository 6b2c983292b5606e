import { z } from 'zod';
import {
  AUTOMATION_RULES,
  automationRulesSchema,
  type AutomationDecision,
  type AutomationSettings,
} from '../../domain/automation';
import type { Participant } from '../../domain/participant';
import { AUDIT_ACTIONS, type AuditEntry } from '../../ports/audit-log.port';
import type { Checkpoint } from '../../ports/checkpoint-repository.port';
import type { RetiredToken } from '../../ports/participant-repository.port';
import { flag, instant, json } from './stored';

/** Participants, tokens and the event's bookkeeping as both stores keep them (see stored.ts). */
export const participantRecord = z.object({
  visitorId: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  externalRef: z.string().nullable(),
  source: z.enum(['operator', 'import', 'self']),
  photoImageId: z.string(),
  createdAt: instant,
}) satisfies z.ZodType<Participant>;

export const retiredTokenRecord = z.object({
  visitorId: z.string(),
  reason: z.enum(['rotated', 'revoked']),
  retiredAt: instant,
}) satisfies z.ZodType<RetiredToken>;

export const auditEntryRecord = z.object({
  auditId: z.string(),
  at: instant,
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  target: z.string().nullable(),
  requestId: z.string().nullable(),
  details: json(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
}) satisfies z.ZodType<AuditEntry>;

export const checkpointRecord = z.object({
  name: z.string(),
  cursor: z.string().nullable(),
  processed: z.number().int(),
  done: flag,
  updatedAt: instant,
}) satisfies z.ZodType<Checkpoint>;

/** The automation rules (a map in Firestore, JSON in SQLite) and who saved them. */
export const automationSettingsRecord = z
  .object({
    rules: json(automationRulesSchema),
    updatedAt: instant.nullable(),
    updatedBy: z.string().nullable(),
  })
  .transform(({ rules, ...saved }): AutomationSettings => ({ ...rules, ...saved }));

const automationDecisionFields = z.object({
  key: z.string(),
  rule: z.enum(AUTOMATION_RULES),
  imageId: z.string(),
  version: z.number().int(),
  paletteIds: json(z.array(z.string())),
  decidedAt: instant,
  doneAt: instant.nullable(),
});

/** A decision, and whether its work is done. */
export const automationDecisionRecord = automationDecisionFields.transform(({ doneAt, ...decision }) => ({
  decision: decision satisfies AutomationDecision,
  done: doneAt !== null,
}));
