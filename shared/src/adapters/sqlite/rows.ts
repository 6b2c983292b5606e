import type { z } from 'zod';

/**
 * Records to and from rows: columns are the snake_case spelling of a record's camelCase fields, so a SELECT aliases
 * them back to the record's names and an INSERT binds the record's fields by name.
 */
type Fields = z.ZodObject | readonly string[];

const names = (fields: Fields): readonly string[] =>
  Array.isArray(fields) ? fields : Object.keys((fields as z.ZodObject).shape);
const column = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `image_id AS imageId, kind, …`: the fields read from their columns under the record's names. */
export const columns = (fields: Fields): string =>
  names(fields)
    .map((f) => (column(f) === f ? f : `${column(f)} AS ${f}`))
    .join(', ');

/** `INSERT INTO table (image_id, kind, …) VALUES (@imageId, @kind, …)`, bound with `row(record)`. */
export const insertInto = (table: string, fields: Fields): string =>
  `INSERT INTO ${table} (${names(fields).map(column).join(', ')}) VALUES (${names(fields)
    .map((f) => `@${f}`)
    .join(', ')})`;

/** A record as named parameters: Dates as milliseconds, booleans as 0 or 1, arrays and plain objects as JSON. */
export function row(record: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([field, value]) => [field, cell(value)]));
}

function cell(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  return JSON.stringify(value);
}
