/** A gallery session: an opaque bearer token, stored only as its hash, bound to one gallery user until it expires. */
export interface GallerySession {
  /** sha256 (hex) of the token: a leaked table gives no usable session. */
  tokenHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * Who may act as a gallery user: sessions issued by `/emotion` and `/createUser`, and the participants whose
 * participant token also stands for a gallery user (bound when that participant made the user).
 */
export interface GallerySessionRepository {
  create(session: GallerySession): Promise<void>;
  /** The session while it is valid at `now`; null when unknown or expired. */
  find(tokenHash: string, now: Date): Promise<GallerySession | null>;
  /** Makes `userId` the gallery identity of the participant, replacing an earlier one. */
  bindParticipant(visitorId: string, userId: string, now: Date): Promise<void>;
  /** The gallery user a participant stands for, or null. */
  userOfParticipant(visitorId: string): Promise<string | null>;
  /** Erasure: every session and participant binding of the user; returns how many records went. */
  deleteForUser(userId: string): Promise<number>;
  /** Removes sessions that expired before `before`; returns how many. */
  deleteExpired(before: Date): Promise<number>;
}
