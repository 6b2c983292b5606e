import type { components } from '@photo/web/api/client';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useEffect } from 'preact/hooks';
import { useConsole } from '../app/console-context';
import { usePagedList } from '../app/use-paged-list';
import type { ConsoleMessageKey } from '../i18n/messages';
import { DataTable } from '../ui/data-table';
import './health.css';

type Entry = components['schemas']['AuditEntry'];

const PAGE_SIZE = 50;
const COLUMNS = ['when', 'who', 'what', 'target', 'details', 'requestId'] as const;

/** The actions this console names in words; an action added later shows its code until it gets its words. */
const ACTION_KEYS: Partial<Record<string, ConsoleMessageKey>> = {
  'participants.imported': 'audit.action.participants.imported',
  'participant-photo.uploaded': 'audit.action.participant-photo.uploaded',
  'participant-photo.overwritten': 'audit.action.participant-photo.overwritten',
  'dead-letter.replayed': 'audit.action.dead-letter.replayed',
  'participant-token.rotated': 'audit.action.participant-token.rotated',
  'participant-token.revoked': 'audit.action.participant-token.revoked',
  'automation.updated': 'audit.action.automation.updated',
};

/** Who did what, when, with the request id to find its log line; newest first, older pages on request. */
export function AuditScreen() {
  const i18n = useI18n<ConsoleMessageKey>();
  const { api } = useConsole();
  const { items, next, loading, failure, load } = usePagedList((after) =>
    api.GET('/admin/audit', { params: { query: { limit: PAGE_SIZE, ...(after ? { after } : {}) } } }),
  );

  useEffect(() => void load(null), [api]);

  const action = (code: string) => {
    const key = ACTION_KEYS[code];
    return key ? i18n.t(key) : code;
  };
  const details = (d: Entry['details']) =>
    Object.entries(d)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join(', ');

  return (
    <Screen title={i18n.t('nav.audit')}>
      <p>{i18n.t('audit.explain')}</p>
      {failure && <ErrorNotice code={failure.code} requestId={failure.requestId} />}
      {!loading && items.length === 0 && !failure && (
        <StatusBanner tone="info">{i18n.t('audit.none')}</StatusBanner>
      )}
      {items.length > 0 && (
        <>
          <p class="list-count">
            {i18n.t(next ? 'audit.countMore' : 'audit.count', { count: items.length })}
          </p>
          <DataTable label={i18n.t('audit.table')} columns={COLUMNS.map((c) => i18n.t(`audit.${c}`))}>
            {items.map((e) => (
              <tr key={e.auditId}>
                <td>
                  <time dateTime={e.at}>{new Date(e.at).toLocaleString(i18n.lang)}</time>
                </td>
                <td>
                  <code>{e.actor}</code>
                </td>
                <td>{action(e.action)}</td>
                <td>{e.target ? <code>{e.target}</code> : '—'}</td>
                <td class="audit-details">{details(e.details) || '—'}</td>
                <td>{e.requestId ? <code>{e.requestId}</code> : '—'}</td>
              </tr>
            ))}
          </DataTable>
          {next && (
            <Button variant="secondary" onClick={() => void load(next)}>
              {i18n.t('audit.more')}
            </Button>
          )}
        </>
      )}
    </Screen>
  );
}
