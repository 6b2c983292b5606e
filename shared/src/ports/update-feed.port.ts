import type { ImageVariant } from '../domain/image';

export interface ParticipantUpdate {
  visitorId: string;
  imageId: string;
  version: number;
  variant: ImageVariant;
  updatedAt: Date;
}

export interface UpdateBatch {
  updates: ParticipantUpdate[];
  /** Opaque; pass it back as `since` to get what came after. */
  cursor: string | null;
}

/** What changed for each participant, read by their phone's polling and SSE stream. */
export interface UpdateFeed {
  /** Idempotent: recording the same (visitor, image, version, variant) twice keeps one entry. */
  record(update: ParticipantUpdate): Promise<void>;
  /** The cursor of the participant's latest update, or null: one cheap read per poll. */
  marker(visitorId: string): Promise<string | null>;
  since(visitorId: string, cursor: string | null, limit: number): Promise<UpdateBatch>;
}
