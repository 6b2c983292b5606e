import type { UploadIntent, UploadStatus } from '../domain/upload';
import type { Page } from './common';

/** How much one caller may have in flight: checked and taken in the same atomic step as the create. */
export interface UploadQuota {
  now: Date;
  /** The window bytes are counted over (an hour back from now). */
  since: Date;
  /** Intents still pending (not uploaded, not expired) at once. */
  maxPending: number;
  /** Bytes declared by intents created since `since`, the new one included. */
  maxBytes: number;
}

export type CreateIntentResult =
  | { outcome: 'created'; intent: UploadIntent }
  | { outcome: 'quota-exceeded'; pending: number; bytes: number };

/** Upload intents: what was asked for, where the upload stands, what it became. */
export interface UploadIntentRepository {
  /**
   * Creates the intent unless the caller (`intent.callerKey`) would then exceed the quota; counting and creating are
   * one atomic step, so concurrent requests cannot all slip under it.
   */
  create(intent: UploadIntent, quota: UploadQuota): Promise<CreateIntentResult>;
  get(intentId: string): Promise<UploadIntent | null>;
  /**
   * Applies `change` to the current intent atomically (a read-modify-write transaction) and returns the result;
   * `change` returns null to leave it unchanged. The adapter sets `revision` to the stored one plus one. `change`
   * may run more than once (a contended transaction is retried), so it must be a pure function. Null: no such intent.
   */
  update(
    intentId: string,
    change: (current: UploadIntent) => UploadIntent | null,
  ): Promise<UploadIntent | null>;
  /** A participant's intents changed after `updatedAfter`, oldest change first (their live stream). */
  listByOwner(ownerVisitorId: string, updatedAfter: Date, limit: number): Promise<UploadIntent[]>;
  /** Pending intents whose target expired before `before`, for the sweeper. */
  listExpiredPending(before: Date, limit: number): Promise<UploadIntent[]>;
  /** Intents in one status by id, ascending, resumable from a cursor (the backfill walks `ready` ones). */
  listByStatus(
    status: UploadStatus,
    page: { limit: number; after: string | null },
  ): Promise<Page<UploadIntent>>;
}
