import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useState } from 'preact/hooks';
import { call, type CallFailure } from '../app/call';
import { useConsole } from '../app/console-context';
import type { ConsoleMessageKey } from '../i18n/messages';
import { DataTable } from '../ui/data-table';
import { DropZone } from '../ui/drop-zone';
import { readImportFile, readIssues, type ImportBody, type ImportIssue } from './import-file';

interface PreviewRow {
  displayName: string;
  email: string | null;
  externalRef: string | null;
}

type State =
  | { kind: 'idle' }
  | { kind: 'checking'; file: string }
  | { kind: 'invalid'; file: string; issues: ImportIssue[] }
  | { kind: 'ready'; file: string; body: ImportBody; rows: PreviewRow[] }
  | { kind: 'importing'; file: string }
  | { kind: 'done'; file: string; created: number; existing: string[] };

/** Rows shown in the preview; the count says how many more there are. */
const PREVIEW_ROWS = 20;

/**
 * Import a CSV or JSON file: the server checks it first and nothing is stored until the operator confirms the
 * preview; each bad row is named with the server's reason. Re-running a file reports its rows as existing.
 */
export function ImportPanel({ onImported }: { onImported: () => void }) {
  const i18n = useI18n<ConsoleMessageKey>();
  const { api } = useConsole();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [failure, setFailure] = useState<CallFailure | null>(null);

  const send = (path: '/participants/import/preview' | '/participants/import', body: ImportBody) =>
    call(() =>
      api.POST(path, {
        body: body.text as never,
        bodySerializer: (b: unknown) => b as string,
        headers: { 'content-type': body.contentType },
      }),
    );

  async function choose(file: File | undefined) {
    if (!file) return;
    setFailure(null);
    const body = await readImportFile(file);
    if (!body) {
      setState({
        kind: 'invalid',
        file: file.name,
        issues: [{ row: 0, message: i18n.t('import.wrongType') }],
      });
      return;
    }
    setState({ kind: 'checking', file: file.name });
    const result = await send('/participants/import/preview', body);
    if (result.ok) {
      const rows = (result.data as { rows: PreviewRow[] }).rows;
      return setState({ kind: 'ready', file: file.name, body, rows });
    }
    if (result.failure.code === 'IMPORT.INVALID')
      return setState({ kind: 'invalid', file: file.name, issues: readIssues(result.failure.details) });
    setState({ kind: 'idle' });
    setFailure(result.failure);
  }

  async function commit(ready: Extract<State, { kind: 'ready' }>) {
    setState({ kind: 'importing', file: ready.file });
    const result = await send('/participants/import', ready.body);
    if (!result.ok) {
      setState(ready);
      return setFailure(result.failure);
    }
    const data = result.data as {
      created: unknown[];
      existing: { participant: { displayName: string } }[];
    };
    setState({
      kind: 'done',
      file: ready.file,
      created: data.created.length,
      existing: data.existing.map((e) => e.participant.displayName),
    });
    onImported();
  }

  return (
    <section class="panel" aria-labelledby="import-title">
      <h3 id="import-title">{i18n.t('import.title')}</h3>
      <p>{i18n.t('import.explain')}</p>
      <DropZone
        label={i18n.t('import.choose')}
        accept=".csv,.json,text/csv,application/json"
        onFiles={(files) => void choose(files[0])}
      />
      {failure && <ErrorNotice code={failure.code} requestId={failure.requestId} />}
      {state.kind === 'checking' && (
        <StatusBanner tone="info">{i18n.t('import.checking', { file: state.file })}</StatusBanner>
      )}
      {state.kind === 'invalid' && (
        <div class="import-result" role="alert">
          <p class="import-headline">
            {i18n.t('import.invalid', { file: state.file, count: state.issues.length })}
          </p>
          <ul class="issues">
            {state.issues.map((issue, index) => (
              <li key={index}>
                <strong>
                  {issue.row === 0 ? i18n.t('import.wholeFile') : i18n.t('import.row', { row: issue.row })}
                </strong>{' '}
                {issue.message}
              </li>
            ))}
          </ul>
          <p>{i18n.t('import.nothingStored')}</p>
        </div>
      )}
      {state.kind === 'ready' && (
        <div class="import-result">
          <StatusBanner tone="ok">
            {i18n.t('import.ready', { file: state.file, count: state.rows.length })}
          </StatusBanner>
          <PreviewTable rows={state.rows} />
          <div class="toolbar">
            <Button onClick={() => void commit(state)}>
              {i18n.t('import.commit', { count: state.rows.length })}
            </Button>
            <Button variant="secondary" onClick={() => setState({ kind: 'idle' })}>
              {i18n.t('action.cancel')}
            </Button>
          </div>
        </div>
      )}
      {state.kind === 'importing' && (
        <StatusBanner tone="info">{i18n.t('import.importing', { file: state.file })}</StatusBanner>
      )}
      {state.kind === 'done' && (
        <div class="import-result">
          <StatusBanner tone="ok">
            {i18n.t('import.done', { created: state.created, existing: state.existing.length })}
          </StatusBanner>
          {state.existing.length > 0 && (
            <p>
              {i18n.t('import.existingNames')} {state.existing.slice(0, PREVIEW_ROWS).join(', ')}
              {state.existing.length > PREVIEW_ROWS ? ' …' : ''}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function PreviewTable({ rows }: { rows: PreviewRow[] }) {
  const i18n = useI18n<ConsoleMessageKey>();
  return (
    <DataTable
      label={i18n.t('import.previewTable')}
      columns={[
        i18n.t('import.rowNumber'),
        i18n.t('participants.name'),
        i18n.t('participants.email'),
        i18n.t('participants.externalRef'),
      ]}
      footer={
        rows.length > PREVIEW_ROWS && (
          <p>{i18n.t('import.moreRows', { count: rows.length - PREVIEW_ROWS })}</p>
        )
      }
    >
      {rows.slice(0, PREVIEW_ROWS).map((row, index) => (
        <tr key={index}>
          <td>{index + 1}</td>
          <td>{row.displayName}</td>
          <td>{row.email ?? '—'}</td>
          <td>{row.externalRef ?? '—'}</td>
        </tr>
      ))}
    </DataTable>
  );
}
