import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { useState } from 'preact/hooks';
import type { CallFailure } from '../app/call';
import { useConsole } from '../app/console-context';
import type { ConsoleMessageKey } from '../i18n/messages';
import { toCsv } from './csv';
import { fetchAllParticipants } from './fetch-all';
import type { ParticipantFilter } from './participant-types';

export const EXPORT_COLUMNS = [
  'visitorId',
  'displayName',
  'email',
  'externalRef',
  'status',
  'photoVersion',
  'createdAt',
] as const;

/** Downloads every participant matching the filter as CSV. */
export function ExportButton({ filter }: { filter: ParticipantFilter }) {
  const i18n = useI18n<ConsoleMessageKey>();
  const { api } = useConsole();
  const [count, setCount] = useState<number | null>(null);
  const [failure, setFailure] = useState<CallFailure | null>(null);

  async function exportCsv() {
    setFailure(null);
    setCount(0);
    const result = await fetchAllParticipants(api, filter, setCount);
    setCount(null);
    if (!result.ok) return setFailure(result.failure);
    const csv = toCsv(
      EXPORT_COLUMNS,
      result.items.map((p) => [
        p.visitorId,
        p.displayName,
        p.email,
        p.externalRef,
        p.status.state,
        p.status.photoVersion,
        p.createdAt,
      ]),
    );
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `participants-${new Date().toISOString().slice(0, 10)}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <>
      <Button variant="secondary" disabled={count !== null} onClick={() => void exportCsv()}>
        {count === null ? i18n.t('participants.export') : i18n.t('participants.exporting', { count })}
      </Button>
      {failure && (
        <ErrorNotice code={failure.code} requestId={failure.requestId} onDismiss={() => setFailure(null)} />
      )}
    </>
  );
}
