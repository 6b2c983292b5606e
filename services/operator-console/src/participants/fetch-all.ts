import type { BackendClient } from '@photo/web/api/client';
import { call, type CallFailure } from '../app/call';
import { listQuery, type ListedParticipant, type ParticipantFilter } from './participant-types';

/** The API's largest page. */
const PAGE = 200;

/** Every participant matching the filter, page after page (an export, a sheet of badges). */
export async function fetchAllParticipants(
  api: BackendClient,
  filter: ParticipantFilter,
  onProgress?: (count: number) => void,
): Promise<{ ok: true; items: ListedParticipant[] } | { ok: false; failure: CallFailure }> {
  const items: ListedParticipant[] = [];
  let after: string | null = null;
  do {
    const page = await call(() =>
      api.GET('/participants', { params: { query: listQuery(filter, PAGE, after) } }),
    );
    if (!page.ok) return page;
    items.push(...page.data.items);
    after = page.data.next;
    onProgress?.(items.length);
  } while (after !== null);
  return { ok: true, items };
}
