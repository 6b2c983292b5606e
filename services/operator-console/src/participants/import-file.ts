/** An import file as the API takes it: its text and its media type, told from the type or the name. */
export interface ImportBody {
  contentType: 'text/csv' | 'application/json';
  text: string;
}

export async function readImportFile(file: File): Promise<ImportBody | null> {
  const name = file.name.toLowerCase();
  const contentType =
    file.type === 'application/json' || name.endsWith('.json')
      ? 'application/json'
      : file.type === 'text/csv' || name.endsWith('.csv') || name.endsWith('.txt')
        ? 'text/csv'
        : null;
  if (!contentType) return null;
  return { contentType, text: await file.text() };
}

/** The server's per-row reasons (`details.issues` of IMPORT.INVALID), row 0 being the file as a whole. */
export interface ImportIssue {
  row: number;
  message: string;
}

export function readIssues(details: unknown): ImportIssue[] {
  const issues = (details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((i: unknown) => {
    const { row, message } = (i ?? {}) as Record<string, unknown>;
    return typeof row === 'number' && typeof message === 'string' ? [{ row, message }] : [];
  });
}
