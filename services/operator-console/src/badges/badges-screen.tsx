import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useEffect, useState } from 'preact/hooks';
import { call, type CallFailure } from '../app/call';
import { useConsole } from '../app/console-context';
import { hashFor } from '../app/use-hash-route';
import type { ConsoleMessageKey } from '../i18n/messages';
import { SelectField } from '../ui/field';
import { fetchAllParticipants } from '../participants/fetch-all';
import type { ParticipantFilter } from '../participants/participant-types';
import { BadgeSheet, type Badge } from './badge-sheet';
import { LAYOUTS, PER_PAGE_CHOICES, type Paper, type PerPage } from './sheet-layout';

/** What the sheet is for: one participant (a reprint) or everyone matching a filter (all, with no filter). */
type Source = { kind: 'one'; visitorId: string } | { kind: 'filter'; filter: ParticipantFilter };

function sourceOf(params: URLSearchParams): Source {
  const one = params.get('one');
  if (one) return { kind: 'one', visitorId: one };
  const photographed = params.get('photographed');
  return {
    kind: 'filter',
    filter: {
      q: params.get('q') ?? '',
      photographed: photographed === 'yes' || photographed === 'no' ? photographed : 'any',
      order: params.get('order') === 'oldest' ? 'oldest' : 'newest',
    },
  };
}

/** A printable sheet of QR badges, A4 or Letter, N a page; the browser's print dialog prints only the sheet. */
export function BadgesScreen({ params }: { params: URLSearchParams }) {
  const i18n = useI18n<ConsoleMessageKey>();
  const { api } = useConsole();
  const source = sourceOf(params);
  const key = params.toString();
  const [paper, setPaper] = useState<Paper>(() => (navigator.language === 'en-US' ? 'letter' : 'a4'));
  const [perPage, setPerPage] = useState<PerPage>(source.kind === 'one' ? 1 : 8);
  const [badges, setBadges] = useState<Badge[] | null>(null);
  const [failure, setFailure] = useState<CallFailure | null>(null);

  useEffect(() => {
    let live = true;
    setBadges(null);
    setFailure(null);
    void loadBadges(source).then((result) => {
      if (!live) return;
      if (result.ok) setBadges(result.badges);
      else setFailure(result.failure);
    });
    return () => {
      live = false;
    };
  }, [key]);

  async function loadBadges(s: Source) {
    if (s.kind === 'one') {
      const [detail, qr] = await Promise.all([
        call(() => api.GET('/participants/{visitorId}', { params: { path: { visitorId: s.visitorId } } })),
        call(() => api.GET('/participants/{visitorId}/qr', { params: { path: { visitorId: s.visitorId } } })),
      ]);
      if (!detail.ok) return detail;
      if (!qr.ok) return qr;
      const p = detail.data.participant;
      return {
        ok: true as const,
        badges: [{ visitorId: p.visitorId, name: p.displayName, ref: p.externalRef, qr: qr.data.qrPayload }],
      };
    }
    const all = await fetchAllParticipants(api, s.filter);
    if (!all.ok) return all;
    return {
      ok: true as const,
      badges: all.items.map((p) => ({
        visitorId: p.visitorId,
        name: p.displayName,
        ref: p.externalRef,
        qr: p.qrPayload,
      })),
    };
  }

  const describe =
    source.kind === 'one'
      ? i18n.t('badges.forOne', { name: badges?.[0]?.name ?? '…' })
      : source.filter.q || source.filter.photographed !== 'any'
        ? i18n.t('badges.forFilter', { count: badges?.length ?? 0 })
        : i18n.t('badges.forAll', { count: badges?.length ?? 0 });

  return (
    <Screen title={i18n.t('nav.badges')}>
      <div class="badge-controls no-print">
        <p>{describe}</p>
        <div class="filters">
          <SelectField<Paper>
            label={i18n.t('badges.paper')}
            value={paper}
            options={[
              ['a4', 'A4'],
              ['letter', 'Letter'],
            ]}
            onChange={setPaper}
          />
          <SelectField
            label={i18n.t('badges.perPage')}
            value={String(perPage)}
            options={PER_PAGE_CHOICES.map((n) => [
              String(n),
              i18n.t('badges.perPageValue', { count: n, columns: LAYOUTS[n].columns, rows: LAYOUTS[n].rows }),
            ])}
            onChange={(n) => setPerPage(Number(n) as PerPage)}
          />
        </div>
        <div class="toolbar">
          <Button disabled={!badges || badges.length === 0} onClick={() => print()}>
            {i18n.t('badges.print')}
          </Button>
          {source.kind === 'one' && (
            <a class="button button-secondary" href={hashFor('badges')}>
              {i18n.t('badges.all')}
            </a>
          )}
          <a class="button button-secondary" href={hashFor('participants')}>
            {i18n.t('badges.back')}
          </a>
        </div>
        {failure && <ErrorNotice code={failure.code} requestId={failure.requestId} />}
        {!badges && !failure && <StatusBanner tone="info">{i18n.t('status.loading')}</StatusBanner>}
        {badges?.length === 0 && <StatusBanner tone="warn">{i18n.t('badges.none')}</StatusBanner>}
      </div>
      {badges && badges.length > 0 && <BadgeSheet badges={badges} paper={paper} perPage={perPage} />}
    </Screen>
  );
}

/** Kept apart so a test can tell the sheet was asked to print. */
function print() {
  window.print();
}
