import './automation.css';
import type { components } from '@photo/web/api/client';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useEffect, useId, useState } from 'preact/hooks';
import { call, type CallFailure } from '../app/call';
import { useConsole } from '../app/console-context';
import type { ConsoleMessageKey } from '../i18n/messages';
import { MAX_PALETTES, PalettePicker, type PaletteView } from './palette-picker';

type Settings = components['schemas']['AutomationSettings'];
type Rules = components['schemas']['AutomationRules'];
type LookSource = Rules['looks']['source'];

const SOURCES: LookSource[] = ['off', 'newest', 'pinned'];

/** The event's automation: generation of event images, looks of participant photos, from newest or pinned palettes. */
export function AutomationScreen() {
  const i18n = useI18n<ConsoleMessageKey>();
  const { api } = useConsole();
  const [saved, setSaved] = useState<Settings | null>(null);
  const [rules, setRules] = useState<Rules | null>(null);
  const [palettes, setPalettes] = useState<PaletteView[]>([]);
  const [failure, setFailure] = useState<CallFailure | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const ids = { source: useId(), newest: useId() };

  useEffect(() => {
    void Promise.all([
      call(() => api.GET('/admin/automation')),
      call(() => api.GET('/palettes', { params: { query: { limit: 24 } } })),
    ]).then(([settings, list]) => {
      if (settings.ok) {
        setSaved(settings.data);
        setRules({ autoGenerate: settings.data.autoGenerate, looks: settings.data.looks });
      } else setFailure(settings.failure);
      if (list.ok) setPalettes(list.data.items);
      else setFailure(list.failure);
    });
  }, [api]);

  async function save(e: Event) {
    e.preventDefault();
    if (!rules) return;
    setBusy(true);
    setFailure(null);
    setDone(false);
    const result = await call(() => api.PUT('/admin/automation', { body: rules }));
    setBusy(false);
    if (!result.ok) return setFailure(result.failure);
    setSaved(result.data);
    setDone(true);
  }

  const looks = rules?.looks;
  const setLooks = (change: Partial<Rules['looks']>) =>
    rules && setRules({ ...rules, looks: { ...rules.looks, ...change } });
  const pinNeeded = looks?.source === 'pinned' && looks.pinnedPaletteIds.length === 0;
  // Pinned palettes no longer among the newest listed: still shown, so they can be unpinned.
  const olderPinned = looks?.pinnedPaletteIds.filter((id) => !palettes.some((p) => p.paletteId === id)) ?? [];
  return (
    <Screen title={i18n.t('automation.title')}>
      <p>{i18n.t('automation.intro')}</p>
      {failure && <ErrorNotice code={failure.code} requestId={failure.requestId} />}
      {saved && (
        <p class="list-count">
          {saved.updatedAt
            ? i18n.t('automation.lastSaved', {
                time: new Date(saved.updatedAt).toLocaleString(i18n.lang),
                who: saved.updatedBy ?? '',
              })
            : i18n.t('automation.neverSaved')}
        </p>
      )}
      {rules && looks && (
        <form class="panel automation-form" onSubmit={(e) => void save(e)}>
          <label class="check">
            <input
              type="checkbox"
              checked={rules.autoGenerate}
              onChange={(e) => setRules({ ...rules, autoGenerate: e.currentTarget.checked })}
            />
            {i18n.t('automation.generate')}
          </label>
          <fieldset class="choice-group">
            <legend id={ids.source}>{i18n.t('automation.looks')}</legend>
            {SOURCES.map((source) => (
              <label key={source} class="check">
                <input
                  type="radio"
                  name="look-source"
                  value={source}
                  checked={looks.source === source}
                  onChange={() => setLooks({ source })}
                />
                {i18n.t(`automation.looks.${source}`)}
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label for={ids.newest}>{i18n.t('automation.newest')}</label>
            <input
              id={ids.newest}
              class="input"
              type="number"
              min={1}
              max={MAX_PALETTES}
              value={looks.newest}
              disabled={looks.source !== 'newest'}
              onInput={(e) => {
                const n = Number(e.currentTarget.value);
                if (Number.isInteger(n) && n >= 1 && n <= MAX_PALETTES) setLooks({ newest: n });
              }}
            />
          </div>
          <PalettePicker
            legend={i18n.t('automation.pinned')}
            palettes={palettes}
            chosen={looks.pinnedPaletteIds}
            onChange={(pinnedPaletteIds) => setLooks({ pinnedPaletteIds })}
          />
          {olderPinned.length > 0 && (
            <ul class="people-options" aria-label={i18n.t('automation.olderPinned')}>
              {olderPinned.map((paletteId) => (
                <li key={paletteId}>
                  <label class="check">
                    <input
                      type="checkbox"
                      checked
                      onChange={() =>
                        setLooks({
                          pinnedPaletteIds: looks.pinnedPaletteIds.filter((id) => id !== paletteId),
                        })
                      }
                    />
                    <code>{paletteId}</code>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <p class="field-hint">{i18n.t('automation.pinnedHint')}</p>
          {pinNeeded && <StatusBanner tone="info">{i18n.t('automation.pinNeeded')}</StatusBanner>}
          <Button type="submit" disabled={busy || pinNeeded}>
            {i18n.t('automation.save')}
          </Button>
          {done && <StatusBanner tone="ok">{i18n.t('automation.saved')}</StatusBanner>}
        </form>
      )}
    </Screen>
  );
}
