import { z } from 'zod';

/**
 * Field codecs for records as the SQLite and Firestore adapters store them, so one schema per record serves both:
 * each accepts either store's spelling of a value and gives the domain's.
 */

/** An instant: milliseconds in SQLite, a Timestamp in Firestore (its toDate() gives the Date), a Date as written. */
export const instant = z.union([
  z.date(),
  z
    .number()
    .int()
    .transform((ms) => new Date(ms)),
  z
    .custom<{ toDate(): Date }>((v) => typeof (v as { toDate?: unknown } | null)?.toDate === 'function')
    .transform((t) => t.toDate()),
]);

/** Bytes come back as a Buffer from SQLite and gRPC, and as a Uint8Array over REST; the domain wants a Buffer. */
export const bytes = z.instanceof(Uint8Array).transform((b) => (Buffer.isBuffer(b) ? b : Buffer.from(b)));

/** A boolean: SQLite keeps 0 or 1. */
export const flag = z.union([
  z.boolean(),
  z
    .number()
    .int()
    .transform((n) => n === 1),
]);

/** A value kept as JSON text (every SQLite column; Firestore where it refuses the keys) or as itself (Firestore). */
export const json = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v), schema);

/** A message's attributes: JSON in both stores, since attribute names are the publisher's and Firestore refuses some. */
export const attributes = json(z.record(z.string(), z.string()));

/** What a store read gives for a missing record (undefined) as null, anything else parsed by `schema`. */
export const parsedOrNull = <T>(schema: z.ZodType<T>, found: unknown): T | null =>
  found === undefined ? null : schema.parse(found);
