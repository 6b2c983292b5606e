import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paletteIdFor, type Palette } from '../../domain/palette';
import type { PaletteRepository } from '../palette-repository.port';

const palette = (over: Partial<Palette> = {}): Palette => ({
  paletteId: paletteIdFor('a'.repeat(64), 'kmeans-lab@1', 2),
  imageId: 'img_00000000000000000001',
  version: 1,
  k: 2,
  algorithm: 'kmeans-lab@1',
  colours: [
    { hex: '#ff0000', rgb: [255, 0, 0], lab: [53.24, 80.09, 67.2], share: 0.75 },
    { hex: '#0000ff', rgb: [0, 0, 255], lab: [32.3, 79.19, -107.86], share: 0.25 },
  ],
  createdAt: new Date('2026-01-01T00:00:00Z'),
  ...over,
});

/** The contract every PaletteRepository meets, embedded or cloud. */
export function paletteRepositoryContract(
  name: string,
  setup: () => Promise<{ repo: PaletteRepository; teardown: () => Promise<void> }>,
) {
  describe(`PaletteRepository contract: ${name}`, () => {
    let repo: PaletteRepository;
    let teardown: () => Promise<void>;
    beforeEach(async () => ({ repo, teardown } = await setup()));
    afterEach(() => teardown());

    it('when a palette is saved, then it reads back equal by id and by image version', async () => {
      const p = palette();
      await repo.save(p);
      expect(await repo.get(p.paletteId)).toEqual(p);
      expect(await repo.forImage(p.imageId, 1)).toEqual(p);
      expect(await repo.forImage(p.imageId, 2)).toBeNull();
    });

    it('when the same palette id is saved twice, then the first one stays', async () => {
      const first = palette();
      await repo.save(first);
      const second = await repo.save(palette({ createdAt: new Date('2026-02-01T00:00:00Z') }));
      expect(second).toEqual(first);
    });

    it('when two image versions have the same pixels, then they share one palette and each finds it', async () => {
      const first = palette();
      await repo.save(first);
      const later = new Date('2026-03-01T00:00:00Z');
      const copy = palette({ imageId: 'img_00000000000000000002', version: 3, createdAt: later });
      const saved = await repo.save(copy);
      expect(saved).toEqual(copy);
      expect(await repo.forImage('img_00000000000000000002', 3)).toEqual(copy);
      expect(await repo.forImage(first.imageId, 1)).toEqual(first);
      expect(await repo.get(first.paletteId)).toEqual(first);
      // A new version of the first image with those pixels again.
      await repo.save(palette({ version: 2, createdAt: later }));
      expect(await repo.forImage(first.imageId, 2)).toEqual(palette({ version: 2, createdAt: later }));
      expect(await repo.forImage('img_00000000000000000002', 2)).toBeNull();
    });

    it('when a shared palette is saved again with other colours, then the stored colours stay for every version', async () => {
      await repo.save(palette());
      const other = palette({ imageId: 'img_00000000000000000003', colours: [] });
      expect((await repo.save(other)).colours).toEqual(palette().colours);
      expect((await repo.forImage('img_00000000000000000003', 1))!.colours).toEqual(palette().colours);
    });

    it('when a version has palettes of two ids, then forImage answers the newest', async () => {
      await repo.save(palette());
      const newer = palette({
        paletteId: paletteIdFor('a'.repeat(64), 'kmeans-lab@1', 3),
        k: 3,
        createdAt: new Date('2026-01-02T00:00:00Z'),
      });
      await repo.save(newer);
      expect(await repo.forImage(newer.imageId, 1)).toEqual(newer);
    });

    it('when a palette id is unknown, then get answers null', async () => {
      expect(await repo.get('pal_000000000000000000000000')).toBeNull();
    });
  });
}
