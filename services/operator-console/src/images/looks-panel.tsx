import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useEffect, useState } from 'preact/hooks';
import { call, type CallFailure } from '../app/call';
import { useConsole } from '../app/console-context';
import { PalettePicker, type PaletteView } from '../automation/palette-picker';
import type { ConsoleMessageKey } from '../i18n/messages';
import type { ListedParticipant } from '../participants/participant-types';

/** How many photographed participants the panel offers (newest first); the rest are a search away in the list. */
const PARTICIPANTS_SHOWN = 50;

/**
 * Looks for chosen participants from chosen palettes: one POST /participants/{visitorId}/looks each. The lists are
 * read again whenever `freshness` changes (an image was clustered: a new palette to choose from).
 */
export function LooksPanel({ freshness }: { freshness: number }) {
  const i18n = useI18n<ConsoleMessageKey>();
  const { api } = useConsole();
  const [participants, setParticipants] = useState<ListedParticipant[]>([]);
  const [palettes, setPalettes] = useState<PaletteView[]>([]);
  const [people, setPeople] = useState<string[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [failure, setFailure] = useState<CallFailure | null>(null);
  const [refused, setRefused] = useState<{ name: string; failure: CallFailure }[]>([]);
  const [made, setMade] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void Promise.all([
      call(() =>
        api.GET('/participants', {
          params: { query: { limit: PARTICIPANTS_SHOWN, photographed: 'true', order: 'newest' } },
        }),
      ),
      call(() => api.GET('/palettes', { params: { query: { limit: 24 } } })),
    ]).then(([list, found]) => {
      if (list.ok) setParticipants(list.data.items);
      else setFailure(list.failure);
      if (found.ok) setPalettes(found.data.items);
      else setFailure(found.failure);
    });
  }, [api, freshness]);

  async function make() {
    setBusy(true);
    setMade(null);
    setRefused([]);
    const failures: { name: string; failure: CallFailure }[] = [];
    let count = 0;
    for (const visitorId of people) {
      const result = await call(() =>
        api.POST('/participants/{visitorId}/looks', {
          params: { path: { visitorId } },
          body: { paletteIds: chosen },
        }),
      );
      const name = participants.find((p) => p.visitorId === visitorId)?.displayName;
      if (result.ok) count++;
      else failures.push({ name: name ?? visitorId, failure: result.failure });
    }
    setBusy(false);
    setMade(count);
    setRefused(failures);
  }

  return (
    <section class="panel looks-panel" aria-labelledby="looks-title">
      <h3 id="looks-title">{i18n.t('looks.title')}</h3>
      <p>{i18n.t('looks.intro')}</p>
      {failure && <ErrorNotice code={failure.code} requestId={failure.requestId} />}
      <fieldset class="people-picker">
        <legend>{i18n.t('looks.participants')}</legend>
        {participants.length === 0 && <p>{i18n.t('looks.noParticipants')}</p>}
        <ul class="people-options">
          {participants.map((participant) => (
            <li key={participant.visitorId}>
              <label class="check">
                <input
                  type="checkbox"
                  checked={people.includes(participant.visitorId)}
                  onChange={(e) =>
                    setPeople(
                      e.currentTarget.checked
                        ? [...people, participant.visitorId]
                        : people.filter((id) => id !== participant.visitorId),
                    )
                  }
                />
                {i18n.t('looks.participant', { name: participant.displayName })}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <PalettePicker
        legend={i18n.t('looks.palettes')}
        palettes={palettes}
        chosen={chosen}
        onChange={setChosen}
      />
      <Button onClick={() => void make()} disabled={busy || people.length === 0 || chosen.length === 0}>
        {i18n.t('looks.make', { people: people.length, palettes: chosen.length })}
      </Button>
      {made !== null && made > 0 && (
        <StatusBanner tone="ok">{i18n.t('looks.made', { count: made })}</StatusBanner>
      )}
      {refused.map((r) => (
        <div key={r.name}>
          <p>{i18n.t('looks.failedFor', { name: r.name })}</p>
          <ErrorNotice code={r.failure.code} requestId={r.failure.requestId} />
        </div>
      ))}
    </section>
  );
}
