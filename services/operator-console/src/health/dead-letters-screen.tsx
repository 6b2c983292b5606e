import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useEffect, useState } from 'preact/hooks';
import { call } from '../app/call';
import { useConsole } from '../app/console-context';
import { usePagedList } from '../app/use-paged-list';
import type { ConsoleMessageKey } from '../i18n/messages';
import { DataTable } from '../ui/data-table';
import { DeadLetterRow, type ReplayResult } from './dead-letter-row';
import './health.css';

const PAGE_SIZE = 50;

/** Messages the bus gave up on: why, how often it tried, how long ago; replay one or a selection, each with its result. */
export function DeadLettersScreen() {
  const i18n = useI18n<ConsoleMessageKey>();
  const { api } = useConsole();
  const { items, next, loading, failure, load } = usePagedList((after) =>
    api.GET('/admin/dead-letters', { params: { query: { limit: PAGE_SIZE, ...(after ? { after } : {}) } } }),
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [results, setResults] = useState<ReadonlyMap<string, ReplayResult>>(new Map());

  useEffect(() => void load(null), [api]);

  const setResult = (id: string, r: ReplayResult) => setResults((m) => new Map(m).set(id, r));

  async function replay(ids: readonly string[]) {
    for (const id of ids) setResult(id, { state: 'replaying' });
    await Promise.all(
      ids.map(async (id) => {
        const result = await call(() =>
          api.POST('/admin/dead-letters/{id}/replay', { params: { path: { id } } }),
        );
        setResult(id, result.ok ? { state: 'done' } : { state: 'failed', failure: result.failure });
      }),
    );
    setSelected(new Set());
    await load(null);
  }

  const waiting = items.filter((l) => l.replayedAt === null);
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => new Set(on ? [...s, id] : [...s].filter((other) => other !== id)));
  const allSelected = waiting.length > 0 && waiting.every((l) => selected.has(l.id));

  return (
    <Screen title={i18n.t('nav.deadLetters')}>
      <p>{i18n.t('deadLetters.explain')}</p>
      {failure && <ErrorNotice code={failure.code} requestId={failure.requestId} />}
      <div class="toolbar">
        <Button variant="secondary" onClick={() => void load(null)}>
          {i18n.t('deadLetters.refresh')}
        </Button>
        <Button disabled={selected.size === 0} onClick={() => void replay([...selected])}>
          {i18n.t('deadLetters.replaySelected', { count: selected.size })}
        </Button>
      </div>
      {!loading && items.length === 0 && !failure && (
        <StatusBanner tone="ok">{i18n.t('deadLetters.none')}</StatusBanner>
      )}
      {items.length > 0 && (
        <>
          <p class="list-count">
            {i18n.t('deadLetters.count', { count: items.length, waiting: waiting.length })}
          </p>
          <DataTable
            label={i18n.t('deadLetters.table')}
            class="dead-letters"
            columns={[
              {
                label: (
                  <input
                    type="checkbox"
                    class="row-check"
                    aria-label={i18n.t('deadLetters.selectAll')}
                    checked={allSelected}
                    disabled={waiting.length === 0}
                    onChange={(e) =>
                      setSelected(e.currentTarget.checked ? new Set(waiting.map((l) => l.id)) : new Set())
                    }
                  />
                ),
              },
              i18n.t('deadLetters.topic'),
              i18n.t('deadLetters.event'),
              { label: i18n.t('deadLetters.attempts'), number: true },
              ...(['reason', 'age', 'state', 'result'] as const).map((c) => i18n.t(`deadLetters.${c}`)),
            ]}
          >
            {items.map((letter) => (
              <DeadLetterRow
                key={letter.id}
                letter={letter}
                selected={selected.has(letter.id)}
                onSelect={(on) => toggle(letter.id, on)}
                onReplay={() => void replay([letter.id])}
                result={results.get(letter.id) ?? null}
              />
            ))}
          </DataTable>
          {next && (
            <Button variant="secondary" onClick={() => void load(next)}>
              {i18n.t('participants.more')}
            </Button>
          )}
        </>
      )}
    </Screen>
  );
}
