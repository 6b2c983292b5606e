import type { Client } from 'openapi-fetch';
import { createTypedClient, type ApiClientOptions } from './client';
import type { ErrorCodeOf } from './errors';
import type { components, operations, paths } from './gallery.gen';

export type { components as GalleryComponents, operations as GalleryOperations, paths as GalleryPaths };

/** The typed face gallery client (docs/gallery.openapi.json): `gallery.POST('/gallery', { body })`, … */
export type GalleryClient = Client<paths>;

/**
 * The gallery client: `baseUrl` is the runtime config's `galleryOrigin`; the bearer token is a gallery token (`gt_…`)
 * or the participant token of the participant who made the user.
 */
export function createGalleryClient(options: ApiClientOptions): GalleryClient {
  return createTypedClient<paths>(options);
}

/** Operations only other services call (Pub/Sub push, the document itself). */
export const GALLERY_SERVER_ONLY_OPERATIONS = ['pubsubPush', 'getOpenApiDocument'] as const;
type GalleryAppOperation = Exclude<keyof operations, (typeof GALLERY_SERVER_ONLY_OPERATIONS)[number]>;

/** Every error code the gallery documents for the operations the participant app calls. */
export type GalleryErrorCode = ErrorCodeOf<operations[GalleryAppOperation]>;
