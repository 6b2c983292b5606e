import type { Participant } from '../domain/participant';
import type { Page, PageRequest } from './common';

export interface NewParticipant extends Participant {
  /** sha256 (hex) of the participant token; the token itself is never stored. */
  tokenHash: string;
}

export interface CreateParticipantsResult {
  created: Participant[];
  /** Rows whose externalRef already existed: the stored participant, unchanged. */
  existing: Participant[];
}

export type ParticipantOrder = 'newest' | 'oldest';

/** Why a participant token stopped working: replaced by a new one, or withdrawn by an operator. */
export type TokenRetirement = 'rotated' | 'revoked';

export interface RetiredToken {
  visitorId: string;
  reason: TokenRetirement;
  retiredAt: Date;
}

/** Participants of the event. */
export interface ParticipantRepository {
  /**
   * Creates every participant in one transaction: all or none. A participant whose externalRef already
   * exists is not created again (an import can be re-run safely); it is returned in `existing`.
   */
  createMany(participants: NewParticipant[]): Promise<CreateParticipantsResult>;
  findById(visitorId: string): Promise<Participant | null>;
  findByTokenHash(tokenHash: string): Promise<Participant | null>;
  /**
   * Gives the participant a new token hash, at once and alone: the one it had stops working and is remembered as
   * retired with `reason`, so a caller still presenting it can be told why. False when there is no such participant.
   */
  replaceToken(visitorId: string, tokenHash: string, reason: TokenRetirement, now: Date): Promise<boolean>;
  /** Why the token of this hash stopped working; null when it is no retired participant token. */
  findRetiredToken(tokenHash: string): Promise<RetiredToken | null>;
  /** Newest first, or oldest first; the cursor of one order means nothing in the other. */
  list(page: PageRequest & { order?: ParticipantOrder }): Promise<Page<Participant>>;
  /** How many participants there are. */
  count(): Promise<number>;
}
