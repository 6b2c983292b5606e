import type { components } from '@photo/web/api/client';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useEffect, useState } from 'preact/hooks';
import { call, type CallFailure } from '../app/call';
import { useConsole } from '../app/console-context';
import type { ConsoleMessageKey } from '../i18n/messages';
import { DeadLetterRow, type ReplayResult } from './dead-letter-row';
import './health.css';

type DeadLetter = components['schemas']['DeadLetter'];

const PAGE_SIZE = 50;

/** Messages the bus gave up on: why, how often it tried, how long ago; replay one or a selection, each with its result. */
export function DeadLettersScreen() {
  const i18n = useI18n<ConsoleMessageKey>();
  const { api } = useConsole();
  const [items, setItems] = useState<DeadLetter[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [failure, setFailure] = useState<CallFailure | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [results, setResults] = useState<ReadonlyMap<string, ReplayResult>>(new Map());

  async function load(after: string | null) {
    const result = await call(() =>
      api.GET('/admin/dead-letters', {
        params: { query: { limit: PAGE_SIZE, ...(after ? { after } : {}) } },
      }),
    );
    setLoaded(true);
    if (!result.ok) return setFailure(result.failure);
    setFailure(null);
    setItems((before) => (after ? [...before, ...result.data.items] : result.data.items));
    setNext(result.data.next);
  }

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
    setSelected((s) => {
      const copy = new Set(s);
      if (on) copy.add(id);
      else copy.delete(id);
      return copy;
    });
  const allSelected = waiting.length > 0 && waiting.every((l) => selected.has(l.id));

  return (
    <Screen title={i18n.t('deadLetters.title')}>
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
      {loaded && items.length === 0 && !failure && (
        <StatusBanner tone="ok">{i18n.t('deadLetters.none')}</StatusBanner>
      )}
      {items.length > 0 && (
        <>
          <p class="list-count">
            {i18n.t('deadLetters.count', { count: items.length, waiting: waiting.length })}
          </p>
          <div class="table-scroll" tabIndex={0} role="region" aria-label={i18n.t('deadLetters.table')}>
            <table class="table dead-letters">
              <thead>
                <tr>
                  <th scope="col">
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
                  </th>
                  <th scope="col">{i18n.t('deadLetters.topic')}</th>
                  <th scope="col">{i18n.t('deadLetters.event')}</th>
                  <th scope="col" class="number">
                    {i18n.t('deadLetters.attempts')}
                  </th>
                  <th scope="col">{i18n.t('deadLetters.reason')}</th>
                  <th scope="col">{i18n.t('deadLetters.age')}</th>
                  <th scope="col">{i18n.t('deadLetters.state')}</th>
                  <th scope="col">{i18n.t('deadLetters.result')}</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
          {next && (
            <Button variant="secondary" onClick={() => void load(next)}>
              {i18n.t('deadLetters.more')}
            </Button>
          )}
        </>
      )}
    </Screen>
  );
}
