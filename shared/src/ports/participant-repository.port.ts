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

/** Participants of the event. */
export interface ParticipantRepository {
  /**
   * Creates every participant in one transaction: all or none. A participant whose externalRef already
   * exists is not created again (an import can be re-run safely); it is returned in `existing`.
   */
  createMany(participants: NewParticipant[]): Promise<CreateParticipantsResult>;
  findById(visitorId: string): Promise<Participant | null>;
  findByTokenHash(tokenHash: string): Promise<Participant | null>;
  /** Newest first, or oldest first; the cursor of one order means nothing in the other. */
  list(page: PageRequest & { order?: ParticipantOrder }): Promise<Page<Participant>>;
}
