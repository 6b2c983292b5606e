import { useI18n } from '@photo/web/i18n/i18n';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { hashFor } from '../app/use-hash-route';
import type { ConsoleMessageKey } from '../i18n/messages';
import { DataTable } from '../ui/data-table';
import { PhotosChart } from './photos-chart';
import { useDashboard, type Dashboard } from './use-dashboard';
import './health.css';

const STATUSES = [
  'empty',
  'uploaded',
  'clustering',
  'clustered',
  'generating',
  'generated',
  'processed',
  'failed',
] as const satisfies readonly (keyof Dashboard['images']['event'])[];

/** The event at a glance, refreshed by itself: who is photographed, how fast, the pipeline, what is stuck. */
export function DashboardScreen() {
  const i18n = useI18n<ConsoleMessageKey>();
  const { dashboard: d, failure, checkedAt } = useDashboard();
  const number = (n: number) => n.toLocaleString(i18n.lang);
  return (
    <Screen title={i18n.t('dashboard.title')}>
      {failure && <ErrorNotice code={failure.code} requestId={failure.requestId} />}
      {checkedAt && (
        <p class="list-count">
          {i18n.t('dashboard.live', { time: checkedAt.toLocaleTimeString(i18n.lang) })}
        </p>
      )}
      {d && (
        <>
          <dl class="stats" aria-label={i18n.t('dashboard.figures')}>
            <div class="stat">
              <dt>{i18n.t('dashboard.photographed')}</dt>
              <dd data-stat="photographed">
                {i18n.t('dashboard.photographedValue', {
                  done: d.participants.photographed,
                  total: d.participants.total,
                })}
              </dd>
            </div>
            <div class="stat">
              <dt>{i18n.t('dashboard.recent')}</dt>
              <dd data-stat="recent">{number(d.photosLast10Minutes)}</dd>
            </div>
            <div class={`stat${d.deadLettersWaiting > 0 ? ' stat-alert' : ''}`}>
              <dt>{i18n.t('dashboard.deadLetters')}</dt>
              <dd data-stat="dead-letters">
                {number(d.deadLettersWaiting)}{' '}
                {d.deadLettersWaiting > 0 && (
                  <a href={hashFor('deadLetters')}>{i18n.t('dashboard.deadLettersLink')}</a>
                )}
              </dd>
            </div>
          </dl>
          <section class="panel" aria-labelledby="chart-title">
            <h3 id="chart-title">{i18n.t('dashboard.chart')}</h3>
            {d.photosOverTime ? (
              <>
                <p>{i18n.t('dashboard.chartPerBar', { minutes: d.photosOverTime.widthMinutes })}</p>
                <PhotosChart overTime={d.photosOverTime} />
              </>
            ) : (
              <StatusBanner tone="info">{i18n.t('dashboard.noPhotos')}</StatusBanner>
            )}
          </section>
          <DataTable
            label={i18n.t('dashboard.pipeline')}
            caption={i18n.t('dashboard.pipeline')}
            class="table-numbers"
            columns={[
              i18n.t('dashboard.state'),
              { label: i18n.t('dashboard.kind.event'), number: true },
              { label: i18n.t('dashboard.kind.participantPhoto'), number: true },
            ]}
          >
            {STATUSES.map((s) => (
              <tr key={s} data-status={s}>
                <th scope="row">
                  <span class={`pill pill-status-${s}`}>{i18n.t(`images.status.${s}`)}</span>
                </th>
                <td>{number(d.images.event[s])}</td>
                <td>{number(d.images.participantPhoto[s])}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </Screen>
  );
}
