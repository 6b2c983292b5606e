import { useI18n } from '@photo/web/i18n/i18n';
import type { ConsoleMessageKey } from '../i18n/messages';
import type { Dashboard } from './use-dashboard';

const WIDTH = 720;
const HEIGHT = 180;
const AXIS = 24;
const GUTTER = 40;
/** Room for at least this many bars, so the first minutes of an event do not draw one bar across the chart. */
const MIN_SLOTS = 30;

type OverTime = NonNullable<Dashboard['photosOverTime']>;

/** Participant photos per bar since the first one, as an SVG bar chart; the label tells the same in words. */
export function PhotosChart({ overTime }: { overTime: OverTime }) {
  const i18n = useI18n<ConsoleMessageKey>();
  const { counts, widthMinutes } = overTime;
  const from = new Date(overTime.from);
  const to = new Date(from.getTime() + counts.length * widthMinutes * 60_000);
  const max = Math.max(1, ...counts);
  const step = (WIDTH - GUTTER) / Math.max(counts.length, MIN_SLOTS);
  const end = GUTTER + counts.length * step;
  const time = (d: Date) => d.toLocaleTimeString(i18n.lang, { hour: '2-digit', minute: '2-digit' });
  const label = i18n.t('dashboard.chartLabel', {
    bars: counts.length,
    minutes: widthMinutes,
    from: time(from),
    to: time(to),
    max: Math.max(0, ...counts),
    last: counts.at(-1) ?? 0,
  });
  const plot = HEIGHT - AXIS;
  return (
    <svg class="photos-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      <line x1={GUTTER} y1={plot} x2={WIDTH} y2={plot} class="photos-chart-axis" />
      {counts.map((n, i) => {
        const h = (n / max) * (plot - 16);
        return (
          <rect
            key={i}
            x={GUTTER + i * step + step * 0.1}
            y={plot - h}
            width={step * 0.8}
            height={h}
            class="photos-chart-bar"
          >
            <title>{`${time(new Date(from.getTime() + i * widthMinutes * 60_000))}: ${n}`}</title>
          </rect>
        );
      })}
      <text x={GUTTER} y={HEIGHT - 6} class="photos-chart-tick">
        {time(from)}
      </text>
      <text x={Math.max(end, GUTTER + 120)} y={HEIGHT - 6} text-anchor="end" class="photos-chart-tick">
        {time(to)}
      </text>
      <text x={GUTTER - 8} y={20} text-anchor="end" class="photos-chart-tick">
        {String(Math.max(0, ...counts))}
      </text>
      <text x={GUTTER - 8} y={plot} text-anchor="end" class="photos-chart-tick">
        0
      </text>
    </svg>
  );
}
