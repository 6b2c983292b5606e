/**
 * What a face index searches with: the descriptor an analyser made and, while the request lasts, the selfie file
 * itself (an index that works on images, as Rekognition does, needs it; one that works on descriptors does not).
 */
export interface FaceProbe {
  descriptor: number[] | null;
  imagePath: string | null;
}

export interface FaceMatch {
  userId: string;
  /** 0 is identical; the index answers only matches under its threshold. */
  distance: number;
}

/**
 * Faces of users who consented to being recognised. Descriptors expire: an expired face is never matched, and the
 * expiry sweep (or Firestore's TTL) deletes it.
 */
export interface FaceIndex {
  /** Which part of a probe this index needs to index or search. */
  readonly needs: 'descriptor' | 'image';
  /** Indexes one face for the user, searchable until `expiresAt`. A user may have several faces. */
  index(entry: { userId: string; probe: FaceProbe; indexedAt: Date; expiresAt: Date }): Promise<void>;
  /** The nearest unexpired face under the threshold, or null. */
  search(probe: FaceProbe, now: Date): Promise<FaceMatch | null>;
  /** Deletes every face of the user; returns how many. Idempotent. */
  deleteUser(userId: string): Promise<number>;
}

/** A face index kept in the store (SQLite, Firestore): descriptors with their expiry, searched by distance. */
export interface StoredFaceIndex extends FaceIndex {
  /** Deletes faces that expired before `before`; returns how many. */
  deleteExpired(before: Date): Promise<number>;
  /** The users with at least one face, each once, in order: the reconciler looks for faces whose user is gone. */
  indexedUserIds(): Promise<string[]>;
}
