import type { Participant, ParticipantStatus } from '@photo/shared/domain/participant';
import type { Page } from '@photo/shared/ports/common';
import type { ParticipantOrder } from '@photo/shared/ports/participant-repository.port';
import { participantStatus, type ParticipantDeps } from './participants';

export interface ParticipantListRequest {
  limit: number;
  after?: string | null | undefined;
  order: ParticipantOrder;
  /** Part of the name or of the external ref, case-insensitive. */
  search?: string | undefined;
  photographed?: boolean | undefined;
}

export interface ListedParticipant {
  participant: Participant;
  status: ParticipantStatus;
}

/**
 * Participants read per request while looking for matches. The photo status lives with the images, not the
 * participant, so a filter is applied while paging through the store; a page that reached this budget comes back with
 * fewer matches than asked and a `next` cursor, and the caller simply asks on.
 */
export const SCAN_BUDGET = 2000;

/** One page of participants matching the search and the photographed filter, in the chosen order. */
export async function listParticipants(
  deps: Pick<ParticipantDeps, 'participants' | 'images'>,
  request: ParticipantListRequest,
  scanBudget = SCAN_BUDGET,
): Promise<Page<ListedParticipant>> {
  const needle = request.search?.trim().toLocaleLowerCase() ?? '';
  const filtered = needle !== '' || request.photographed !== undefined;
  const items: ListedParticipant[] = [];
  let after = request.after ?? null;
  let scanned = 0;
  do {
    // Never more than still wanted: the store's cursor then ends exactly after the last participant answered.
    const want = request.limit - items.length;
    const page = await deps.participants.list({
      limit: filtered ? Math.min(want, scanBudget - scanned) : want,
      after,
      order: request.order,
    });
    scanned += page.items.length;
    after = page.next;
    for (const participant of page.items) {
      if (needle !== '' && !matches(participant, needle)) continue;
      const status = await participantStatus(deps, participant);
      if (request.photographed !== undefined && (status.state === 'photographed') !== request.photographed)
        continue;
      items.push({ participant, status });
    }
  } while (after !== null && items.length < request.limit && scanned < scanBudget);
  return { items, next: after };
}

function matches(participant: Participant, needle: string): boolean {
  return (
    participant.displayName.toLocaleLowerCase().includes(needle) ||
    (participant.externalRef?.toLocaleLowerCase().includes(needle) ?? false)
  );
}
