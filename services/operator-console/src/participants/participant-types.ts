import type { components, operations } from '@photo/web/api/client';

export type ListedParticipant =
  operations['listParticipants']['responses'][200]['content']['application/json']['items'][number];
export type ParticipantStatus = components['schemas']['ParticipantStatus'];

/** The list's filters, as the API takes them. */
export interface ParticipantFilter {
  q: string;
  photographed: 'any' | 'yes' | 'no';
  order: 'newest' | 'oldest';
}

export const NO_FILTER: ParticipantFilter = { q: '', photographed: 'any', order: 'newest' };

export function listQuery(filter: ParticipantFilter, limit: number, after: string | null) {
  return {
    limit,
    order: filter.order,
    ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
    ...(filter.photographed === 'any'
      ? {}
      : { photographed: filter.photographed === 'yes' ? ('true' as const) : ('false' as const) }),
    ...(after ? { after } : {}),
  };
}
