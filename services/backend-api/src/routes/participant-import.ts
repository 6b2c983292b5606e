import type { Request } from 'express';
import { parse as parseCsv } from 'csv-parse/sync';
import { errors } from '@photo/shared/errors/errors';
import { parsedJson } from '@photo/shared/http/json-body';
import { MAX_IMPORT_ROWS, participantImport, participantInput } from './schemas';
import type { ParticipantInput } from '../use-cases/participants';

/** The columns a CSV import may have; like a JSON row's unknown field, an unknown column rejects the import. */
export const CSV_COLUMNS = ['displayName', 'email', 'externalRef'];

/**
 * Reads a bulk import, as JSON (`{ participants: [...] }`) or CSV with a header row (displayName, email,
 * externalRef). Every row is checked before anything is created; one bad row rejects the import, naming each bad row.
 */
export function readImport(req: Request): ParticipantInput[] {
  if (req.is('application/json')) {
    const parsed = participantImport.safeParse(parsedJson(req));
    if (parsed.success) return parsed.data.participants;
    throw errors.importInvalid(
      parsed.error.issues.map((i) => ({
        row: typeof i.path[1] === 'number' ? i.path[1] + 1 : 0,
        message: `${i.path.slice(2).join('.') || i.path.join('.')}: ${i.message}`,
      })),
    );
  }
  if (req.is('text/csv')) return readCsv(req.body as unknown);
  throw errors.unsupportedMediaType(['application/json', 'text/csv']);
}

function readCsv(body: unknown): ParticipantInput[] {
  if (typeof body !== 'string' || body.trim() === '') throw errors.emptyBody();
  let records: Record<string, string>[];
  let header: string[] = [];
  try {
    records = parseCsv(body, {
      columns: (names: string[]) => (header = names),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      max_record_size: 4096,
    });
  } catch (err) {
    throw errors.importInvalid([{ row: 0, message: err instanceof Error ? err.message : 'unreadable CSV' }]);
  }
  const unknown = header.filter((name) => !CSV_COLUMNS.includes(name));
  if (unknown.length > 0)
    throw errors.importInvalid([
      { row: 0, message: `unknown columns: ${unknown.join(', ')} (allowed: ${CSV_COLUMNS.join(', ')})` },
    ]);
  if (records.length === 0) throw errors.importInvalid([{ row: 0, message: 'no rows' }]);
  if (records.length > MAX_IMPORT_ROWS)
    throw errors.importInvalid([{ row: 0, message: `more than ${MAX_IMPORT_ROWS} rows` }]);
  const issues: { row: number; message: string }[] = [];
  const rows: ParticipantInput[] = [];
  records.forEach((record, index) => {
    const parsed = participantInput.safeParse({
      displayName: record.displayName,
      email: record.email || null,
      externalRef: record.externalRef || null,
    });
    if (parsed.success) rows.push(parsed.data);
    else
      for (const i of parsed.error.issues)
        issues.push({ row: index + 1, message: `${i.path.join('.')}: ${i.message}` });
  });
  if (issues.length > 0) throw errors.importInvalid(issues);
  return rows;
}
