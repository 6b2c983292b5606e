import type { KeptImage, KeptImagesStore } from './kept-images.store';

/** What the list of my images says an image serves now. */
export interface ImageRef {
  imageId: string;
  kind: string;
  currentVersion: number;
  servedVariant: string;
}

/** A one-time URL as the API issues it, bound to one version and variant. */
export interface IssuedLink {
  url: string;
  version: number;
  variant: string;
}

export interface ImageLoaderDeps {
  store: KeptImagesStore;
  /** `POST /images/{id}/url`. */
  issue(imageId: string): Promise<IssuedLink>;
  /** One GET of the one-time URL; throws when it does not answer 200 with the bytes. */
  fetchOnce(url: string): Promise<Blob>;
}

export interface ImageLoader {
  /** The kept bytes when they are what the image serves now, else fetched once through a new URL and kept. */
  load(ref: ImageRef): Promise<KeptImage>;
  /** The kept bytes alone, whatever their version (offline, or while the current ones load). */
  kept(imageId: string): Promise<KeptImage | undefined>;
}

/** Whether the kept bytes are what the image serves now (or newer than a stale list says). */
export function isCurrent(kept: KeptImage, ref: ImageRef): boolean {
  return (
    kept.version > ref.currentVersion ||
    (kept.version === ref.currentVersion && kept.variant === ref.servedVariant)
  );
}

/**
 * Loads my images through one-time URLs, each rendering at most once: kept bytes that are current are used as they
 * are, and concurrent asks for the same image (a live update arriving while the list loads it) share one URL.
 */
export function createImageLoader(deps: ImageLoaderDeps): ImageLoader {
  const inFlight = new Map<string, Promise<KeptImage>>();

  async function fetchAndKeep(ref: ImageRef): Promise<KeptImage> {
    const link = await deps.issue(ref.imageId);
    const kept = await deps.store.get(ref.imageId);
    // The list was older than the link: what the link names may be kept already.
    if (kept && kept.version === link.version && kept.variant === link.variant) return kept;
    const bytes = await deps.fetchOnce(link.url);
    return deps.store.keep({
      imageId: ref.imageId,
      kind: ref.kind,
      version: link.version,
      variant: link.variant,
      contentType: bytes.type,
      bytes,
      keptAt: Date.now(),
    });
  }

  return {
    async load(ref) {
      const kept = await deps.store.get(ref.imageId);
      if (kept && isCurrent(kept, ref)) return kept;
      const key = `${ref.imageId}@${ref.currentVersion}/${ref.servedVariant}`;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = fetchAndKeep(ref).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
    kept: (imageId) => deps.store.get(imageId),
  };
}
