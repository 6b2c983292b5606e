/** What a signed upload target lets its holder do: one PUT of one object, and nothing else. */
export interface UploadConditions {
  /** The only key it can write (under uploads/); never one that already exists. */
  key: string;
  /** The exact Content-Type the PUT must carry (and the object is stored with). */
  contentType: string;
  minBytes: number;
  maxBytes: number;
  expiresAt: Date;
}

/** A pre-signed upload: PUT the bytes to `url` with exactly these headers before `expiresAt`. */
export interface UploadTarget {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: Date;
}

/**
 * Signs upload targets bound to their conditions. Cloud: a V4 signed Cloud Storage URL. Embedded: the image server's
 * upload endpoint with a signed policy token. Whichever it is, storage (not our code path) refuses a PUT that breaks
 * a condition, and the object's finalization is announced on the `uploads-finalized` topic.
 */
export interface UploadTargetSigner {
  sign(conditions: UploadConditions): Promise<UploadTarget>;
}
