import { likeSummary, type Notification } from '@photo/shared/domain/notification';
import type { PageRequest } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { ImageServerClient, IssuedImageLink } from '@photo/shared/ports/image-server-client.port';
import type { NotificationRepository } from '@photo/shared/ports/notification-repository.port';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';

export interface InboxDeps {
  notifications: NotificationRepository;
  participants: ParticipantRepository;
  images: ImageRepository;
  imageServer: ImageServerClient;
  deepLinkBase: string;
}

/** The actors shown by name: the newest few. */
const NAMED_ACTORS = 3;

export interface InboxItem {
  notification: Notification;
  text: string;
  actors: { visitorId: string; displayName: string }[];
  deepLink: string;
}

/** A notification in words: "Aiko and 3 others liked your photo", its newest actors by name, its deep link. */
export async function describeNotification(
  deps: Omit<InboxDeps, 'imageServer'>,
  notification: Notification,
): Promise<InboxItem> {
  const named = notification.actorVisitorIds.slice(0, NAMED_ACTORS);
  const [image, ...people] = await Promise.all([
    deps.images.get(notification.imageId),
    ...named.map((id) => deps.participants.findById(id)),
  ]);
  const actors = named.map((visitorId, i) => ({
    visitorId,
    displayName: people[i]?.displayName ?? 'Someone',
  }));
  return {
    notification,
    text: likeSummary(
      actors[0]?.displayName ?? 'Someone',
      notification.actorCount,
      image?.kind ?? 'participant-photo',
    ),
    actors,
    deepLink: `${deps.deepLinkBase}${notification.imageId}`,
  };
}

/**
 * A page of the participant's inbox, newest first, each with a thumbnail: a one-time URL of the liked image (the
 * recipient's own), issued by the image server as requestImageUrl does. An image that cannot be linked (no version
 * any more) has a null thumbnail rather than failing the page.
 */
export async function listInbox(
  deps: InboxDeps,
  visitorId: string,
  page: PageRequest,
): Promise<{ items: (InboxItem & { thumbnail: IssuedImageLink | null })[]; next: string | null }> {
  const found = await deps.notifications.list(visitorId, page);
  const items = await Promise.all(
    found.items.map(async (n) => ({
      ...(await describeNotification(deps, n)),
      thumbnail: await deps.imageServer.issueLink(n.imageId, null).catch(() => null),
    })),
  );
  return { items, next: found.next };
}
