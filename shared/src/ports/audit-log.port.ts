import type { Page, PageRequest } from './common';

/** The state-changing actions of operators, staff and participants that an event organiser may review. */
export const AUDIT_ACTIONS = [
  'participant.created',
  'participants.imported',
  'participant-photo.uploaded',
  'participant-photo.overwritten',
  'event-image.uploaded',
  'upload.requested',
  'generation.requested',
  'look.requested',
  'dead-letter.replayed',
  'participant-token.rotated',
  'participant-token.revoked',
  'gallery-user.erased',
  'automation.updated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One thing someone did: who, what, to what, when, and the request that did it. */
export interface AuditEntry {
  auditId: string;
  at: Date;
  /** `user:{token subject}` (operators, staff), `participant:{visitorId}`, or `gallery-user:{userId}` (a gallery token). */
  actor: string;
  action: AuditAction;
  /** What was acted on (a visitor id, an image id, an upload's intent id, a dead-letter id), or null. */
  target: string | null;
  /** The request id (also in the request's log line). */
  requestId: string | null;
  /** Facts of the action (counts, a version): small and never personal data. */
  details: Record<string, string | number | boolean | null>;
}

/** An append-only log: entries are added, listed newest first, and never changed or removed. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first (by `at`, then id); the cursor is opaque. */
  list(page: PageRequest): Promise<Page<AuditEntry>>;
}
