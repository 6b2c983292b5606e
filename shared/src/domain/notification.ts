import { z } from 'zod';

/**
 * An in-app notification. Likes of one image are grouped into one notification while it is open (unread, and its
 * digest window not yet closed): "Aiko and 3 others liked your photo". Once read or closed, the next like starts a
 * new one. A like joins the group without writing the notification (a popular image's likes would all write one
 * document); the count and the newest likers are aggregated from the likes: at most once a second while likes come,
 * on every withdrawal, and when the digest closes the group.
 */
export interface Notification {
  notificationId: string;
  recipientVisitorId: string;
  type: 'like';
  imageId: string;
  /** How many like it, as last aggregated. Never 0: a notification whose last like is withdrawn is deleted. */
  actorCount: number;
  /**
   * The newest likers, newest first, at most NOTIFICATION_ACTORS_KEPT (one document holds them, so a popular image
   * must not grow it without bound). Never empty while actorCount > 0.
   */
  actorVisitorIds: string[];
  createdAt: Date;
  /** Moves when an aggregation changes the count or the likers. */
  updatedAt: Date;
  readAt: Date | null;
  /** When the digest window closed and the external channels were planned. */
  closedAt: Date | null;
}

/** How many of the newest likers a notification keeps by id (the API names 3). */
export const NOTIFICATION_ACTORS_KEPT = 10;

/**
 * The notification as its likes say: how many there are, and the newest likers first (at most
 * NOTIFICATION_ACTORS_KEPT of `newestLikers`). `updatedAt` moves only when something changed.
 */
export function withLikes(
  n: Notification,
  count: number,
  newestLikers: readonly string[],
  now: Date,
): { notification: Notification; changed: boolean } {
  const actors = newestLikers.slice(0, NOTIFICATION_ACTORS_KEPT);
  const changed =
    count !== n.actorCount ||
    actors.length !== n.actorVisitorIds.length ||
    actors.some((v, i) => v !== n.actorVisitorIds[i]);
  return {
    notification: changed ? { ...n, actorCount: count, actorVisitorIds: actors, updatedAt: now } : n,
    changed,
  };
}

export const isOpen = (n: Pick<Notification, 'readAt' | 'closedAt'>): boolean =>
  n.readAt === null && n.closedAt === null;

/** The channels beside in-app (which is always on): what preferences switch. */
export const EXTERNAL_CHANNELS = ['push', 'email', 'sms'] as const;
export type ExternalChannel = (typeof EXTERNAL_CHANNELS)[number];

export interface QuietHours {
  /** Local wall-clock times `HH:MM`; start > end spans midnight (22:00-07:00). */
  start: string;
  end: string;
}

export interface NotificationPreferences {
  visitorId: string;
  channels: Record<ExternalChannel, boolean>;
  /** Where e-mail goes; null falls back to the participant's registered e-mail. */
  email: string | null;
  /** E.164 (+819012345678), for SMS. */
  phone: string | null;
  quietHours: QuietHours | null;
  /** IANA time zone the quiet hours are in. */
  timeZone: string;
  updatedAt: Date;
}

/**
 * Until a participant says otherwise: push on (it only reaches devices the app registered, which needed the user's
 * permission), e-mail and SMS off (they need an explicit opt-in), no quiet hours, UTC.
 */
export function defaultPreferences(visitorId: string, now: Date): NotificationPreferences {
  return {
    visitorId,
    channels: { push: true, email: false, sms: false },
    email: null,
    phone: null,
    quietHours: null,
    timeZone: 'UTC',
    updatedAt: now,
  };
}

/** A Web Push subscription as the browser's PushSubscription.toJSON() gives it, kept per participant. */
export interface PushSubscriptionRecord {
  visitorId: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  createdAt: Date;
}

export const clockTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be HH:MM (24-hour)');

export const timeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone (Asia/Tokyo)');

/** "Aiko liked your photo", "Aiko and 1 other liked your look", "Aiko and 3 others liked your photo". */
export function likeSummary(latestActorName: string, actorCount: number, imageKind: string): string {
  const what = imageKind === 'look' ? 'look' : 'photo';
  const others = actorCount - 1;
  if (others <= 0) return `${latestActorName} liked your ${what}`;
  return `${latestActorName} and ${others} ${others === 1 ? 'other' : 'others'} liked your ${what}`;
}
