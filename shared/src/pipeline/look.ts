import { RECOLOUR_VERSION } from '../colour/recolour';
import { deriveImageId } from '../domain/ids';

/**
 * The look made from one source version, palette set and participant always has the same image id; a new
 * RECOLOUR_VERSION makes new looks rather than hiding behind old ones.
 */
export function lookImageId(
  imageId: string,
  version: number,
  paletteIds: string[],
  visitorId: string,
): string {
  return deriveImageId(
    ['look', imageId, version, [...paletteIds].sort().join(','), visitorId, RECOLOUR_VERSION].join('\n'),
  );
}
