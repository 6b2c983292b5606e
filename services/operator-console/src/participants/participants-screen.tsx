import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { Screen } from '@photo/web/ui/screen';
import { useEffect, useState } from 'preact/hooks';
import { useConsole } from '../app/console-context';
import { CONSOLE_PERMISSIONS } from '../app/permissions';
import { hashFor } from '../app/use-hash-route';
import { usePagedList } from '../app/use-paged-list';
import type { ConsoleMessageKey } from '../i18n/messages';
import { DataTable } from '../ui/data-table';
import { CreateParticipant } from './create-participant';
import { ExportButton } from './export-button';
import { ImportPanel } from './import-panel';
import { ParticipantFilters } from './participant-filters';
import { listQuery, NO_FILTER, type ListedParticipant, type ParticipantFilter } from './participant-types';

const PAGE_SIZE = 50;

/** The participants: a searchable, filterable list paged from the API, and (with write access) create and import. */
export function ParticipantsScreen() {
  const i18n = useI18n<ConsoleMessageKey>();
  const { api, can } = useConsole();
  const [filter, setFilter] = useState<ParticipantFilter>(NO_FILTER);
  const [generation, setGeneration] = useState(0);
  const { items, next, loading, failure, load } = usePagedList((after, signal) =>
    api.GET('/participants', { params: { query: listQuery(filter, PAGE_SIZE, after) }, signal }),
  );

  useEffect(() => {
    const controller = new AbortController();
    // Typing in the search box waits for a pause before asking.
    const timer = setTimeout(() => void load(null, controller.signal).catch(() => {}), 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [filter, generation]);

  const reload = () => setGeneration((g) => g + 1);
  const writable = can(CONSOLE_PERMISSIONS.participantsWrite);

  return (
    <Screen title={i18n.t('nav.participants')}>
      <ParticipantFilters filter={filter} onChange={setFilter} />
      <div class="toolbar">
        <ExportButton filter={filter} />
        <a class="button button-secondary" href={hashFor('badges', sheetParams(filter))}>
          {i18n.t('participants.printBadges')}
        </a>
      </div>
      {failure && <ErrorNotice code={failure.code} requestId={failure.requestId} />}
      <p class="list-count" role="status">
        {loading
          ? i18n.t('status.loading')
          : i18n.t(next ? 'participants.shownMore' : 'participants.shown', { count: items.length })}
      </p>
      <ParticipantTable items={items} />
      {next && (
        <Button variant="secondary" disabled={loading} onClick={() => void load(next)}>
          {i18n.t('participants.more')}
        </Button>
      )}
      {writable && <CreateParticipant onCreated={reload} />}
      {writable && <ImportPanel onImported={reload} />}
    </Screen>
  );
}

function sheetParams(filter: ParticipantFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.q.trim()) params.q = filter.q.trim();
  if (filter.photographed !== 'any') params.photographed = filter.photographed;
  if (filter.order !== 'newest') params.order = filter.order;
  return params;
}

function ParticipantTable({ items }: { items: ListedParticipant[] }) {
  const i18n = useI18n<ConsoleMessageKey>();
  if (items.length === 0) return null;
  return (
    <DataTable
      label={i18n.t('participants.table')}
      columns={(['name', 'externalRef', 'email', 'status', 'actions'] as const).map((c) =>
        i18n.t(`participants.${c}`),
      )}
    >
      {items.map((p) => (
        <tr key={p.visitorId}>
          <td>{p.displayName}</td>
          <td>{p.externalRef ?? '—'}</td>
          <td>{p.email ?? '—'}</td>
          <td>
            <span class={`pill pill-${p.status.state}`}>
              {p.status.state === 'photographed'
                ? i18n.t('participants.photographed', { version: p.status.photoVersion })
                : i18n.t('participants.notPhotographed')}
            </span>
          </td>
          <td>
            <a
              class="button button-secondary button-small"
              href={hashFor('badges', { one: p.visitorId })}
              aria-label={i18n.t('participants.badgeFor', { name: p.displayName })}
            >
              {i18n.t('participants.badge')}
            </a>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
