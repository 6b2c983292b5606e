import { useI18n } from '@photo/web/i18n/i18n';
import type { ConsoleMessageKey } from '../i18n/messages';
import { QrSvg } from '@photo/web/ui/qr-svg';
import { LAYOUTS, paginate, type Paper, type PerPage } from './sheet-layout';

export interface Badge {
  visitorId: string;
  name: string;
  ref: string | null;
  qr: string;
}

/** The printed pages: each the paper's size, its badges in a grid with cut lines, one page per printed sheet. */
export function BadgeSheet({ badges, paper, perPage }: { badges: Badge[]; paper: Paper; perPage: PerPage }) {
  const i18n = useI18n<ConsoleMessageKey>();
  const { columns, rows } = LAYOUTS[perPage];
  const pages = paginate(badges, perPage);
  return (
    <div
      class={`sheet sheet-${paper}`}
      aria-label={i18n.t('badges.sheet', { pages: pages.length })}
      role="region"
    >
      {pages.map((page, index) => (
        <div
          key={index}
          class={`sheet-page grid-${columns}x${rows}`}
          style={{ gridTemplate: `repeat(${rows}, 1fr) / repeat(${columns}, 1fr)` }}
        >
          {page.map((badge) => (
            <div key={badge.visitorId} class="badge" data-visitor-id={badge.visitorId}>
              <p class="badge-name">{badge.name}</p>
              <QrSvg text={badge.qr} label={i18n.t('badges.qrFor', { name: badge.name })} />
              {badge.ref && <p class="badge-ref">{badge.ref}</p>}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
