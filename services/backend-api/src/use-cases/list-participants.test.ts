import { describe, expect, it } from 'vitest';
import type { Image } from '@photo/shared/domain/image';
import type { Participant } from '@photo/shared/domain/participant';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';
import { listParticipants } from './list-participants';

/** Ten participants, created a second apart; every third one photographed. */
const people: Participant[] = Array.from({ length: 10 }, (_, i) => ({
  visitorId: `v${i}`,
  displayName: i % 2 === 0 ? `Akiyama ${i}` : `Brown ${i}`,
  email: null,
  externalRef: `T-${100 + i}`,
  source: 'import',
  photoImageId: `img${i}`,
  createdAt: new Date(Date.UTC(2025, 5, 1, 10, 0, i)),
}));

/** A store paging by index, newest or oldest first, counting what it reads. */
function store() {
  const reads = { rows: 0 };
  const participants = {
    async list({ limit, after, order }) {
      const ordered = order === 'oldest' ? people : [...people].reverse();
      const start = after ? Number(after) : 0;
      const items = ordered.slice(start, start + limit);
      reads.rows += items.length;
      return { items, next: start + limit < ordered.length ? String(start + limit) : null };
    },
  } as Pick<ParticipantRepository, 'list'> as ParticipantRepository;
  const images = {
    async get(imageId: string) {
      const i = Number(imageId.slice(3));
      return { imageId, currentVersion: i % 3 === 0 ? 1 : 0, servedVariant: 'original' } as Image;
    },
  } as Pick<ImageRepository, 'get'> as ImageRepository;
  return { deps: { participants, images }, reads };
}

const names = (page: { items: { participant: Participant }[] }) =>
  page.items.map((i) => i.participant.visitorId);

describe('listParticipants', () => {
  it('when nothing is filtered, then one page in the chosen order', async () => {
    const { deps } = store();
    expect(names(await listParticipants(deps, { limit: 3, order: 'newest' }))).toEqual(['v9', 'v8', 'v7']);
    expect(names(await listParticipants(deps, { limit: 3, order: 'oldest' }))).toEqual(['v0', 'v1', 'v2']);
  });

  it('when searching, then name or external ref matches in any case, and the cursor resumes after the last answered', async () => {
    const { deps } = store();
    const first = await listParticipants(deps, { limit: 2, order: 'oldest', search: 'aKiYaMa' });
    expect(names(first)).toEqual(['v0', 'v2']);
    const second = await listParticipants(deps, {
      limit: 2,
      order: 'oldest',
      search: 'akiyama',
      after: first.next,
    });
    expect(names(second)).toEqual(['v4', 'v6']);
    expect(names(await listParticipants(deps, { limit: 5, order: 'oldest', search: 't-107' }))).toEqual([
      'v7',
    ]);
  });

  it('when filtering by photographed, then only those whose photo has a version (or only those without)', async () => {
    const { deps } = store();
    const yes = await listParticipants(deps, { limit: 10, order: 'oldest', photographed: true });
    expect(names(yes)).toEqual(['v0', 'v3', 'v6', 'v9']);
    expect(yes.next).toBeNull();
    expect(yes.items.every((i) => i.status.state === 'photographed')).toBe(true);
    const no = await listParticipants(deps, { limit: 10, order: 'oldest', photographed: false });
    expect(names(no)).toEqual(['v1', 'v2', 'v4', 'v5', 'v7', 'v8']);
  });

  it('when the scan budget runs out before the page fills, then a shorter page with a cursor to ask on', async () => {
    const { deps, reads } = store();
    const request = { limit: 3, order: 'oldest' as const, photographed: true };
    const first = await listParticipants(deps, request, 4);
    expect(reads.rows).toBe(4);
    expect(names(first)).toEqual(['v0', 'v3']);
    expect(first.next).not.toBeNull();
    const second = await listParticipants(deps, { ...request, after: first.next }, 4);
    expect(names(second)).toEqual(['v6']);
    const last = await listParticipants(deps, { ...request, after: second.next }, 4);
    expect(names(last)).toEqual(['v9']);
    expect(last.next).toBeNull();
    expect(reads.rows).toBe(10);
  });
});
