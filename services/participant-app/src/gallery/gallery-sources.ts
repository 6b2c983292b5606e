import type { GalleryClient, GalleryComponents } from '@photo/web/api/gallery-client';
import { callError } from '../app/api-sources';

export type Emotion = GalleryComponents['schemas']['Emotion'];
export type JoinedUser = GalleryComponents['schemas']['GalleryUser'];
export type GalleryItem = GalleryComponents['schemas']['Gallery']['items'][number];

/** `POST /emotion`: the selfie's face and its expression, and the returning user it is (if they consented). */
export async function readExpression(gallery: GalleryClient, selfie: Blob): Promise<Emotion> {
  const { data, error, response } = await gallery.POST('/emotion', {
    // The raw JPEG is the body.
    body: selfie as unknown as string,
    bodySerializer: (body: unknown) => body as Blob,
    headers: { 'Content-Type': selfie.type || 'image/jpeg' },
  });
  if (!data) throw callError(response, error);
  return data;
}

/**
 * `POST /createUser` with the participant token: the participant's gallery user (made, found, or recognised). Only
 * with `consent` is the face indexed; without it the analysis's descriptor is dropped at once.
 */
export async function joinGallery(
  gallery: GalleryClient,
  emotion: Emotion,
  consent: boolean,
): Promise<JoinedUser> {
  const { data, error, response } = await gallery.POST('/createUser', {
    body: { analysisId: emotion.analysisId, consent, expression: emotion.expression },
  });
  if (!data) throw callError(response, error);
  return data;
}

/** `POST /gallery`: recommendations, each with a one-time URL. */
export async function recommend(
  gallery: GalleryClient,
  userId: string,
  expression: Emotion['expression'] | null,
): Promise<GalleryItem[]> {
  const { data, error, response } = await gallery.POST('/gallery', {
    body: expression ? { userId, expression } : { userId },
  });
  if (!data) throw callError(response, error);
  return data.items;
}

/** `POST /like`: idempotent (a repeat answers 200). */
export async function likeItem(gallery: GalleryClient, userId: string, itemId: string): Promise<void> {
  const { error, response } = await gallery.POST('/like', { body: { userId, itemId } });
  if (!response.ok) throw callError(response, error);
}

/** `GET /me`: the gallery user the participant token stands for (made on this phone or another), or null. */
export async function galleryUserOf(gallery: GalleryClient): Promise<string | null> {
  const { data, error, response } = await gallery.GET('/me', { cache: 'no-store' });
  if (!data) throw callError(response, error);
  return data.userId;
}

/**
 * `DELETE /users/{userId}`: the user, their faces, likes and sessions. A 403 means the participant's token no longer
 * stands for that user: it was erased before (its binding went with it), so there is nothing left to erase.
 */
export async function eraseGalleryUser(gallery: GalleryClient, userId: string): Promise<void> {
  const { error, response } = await gallery.DELETE('/users/{userId}', { params: { path: { userId } } });
  if (response.status === 204 || response.status === 403) return;
  throw callError(response, error);
}
