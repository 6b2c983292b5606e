import type { components } from '@photo/web/api/client';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import type { CallFailure } from '../app/call';
import type { ConsoleMessageKey } from '../i18n/messages';
import { ageOf } from './age';

type DeadLetter = components['schemas']['DeadLetter'];

export type ReplayResult =
  { state: 'replaying' } | { state: 'done' } | { state: 'failed'; failure: CallFailure };

/** One dead letter: what it was, why it died, and its replay (the button, then what the replay answered). */
export function DeadLetterRow(props: {
  letter: DeadLetter;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onReplay: () => void;
  result: ReplayResult | null;
}) {
  const i18n = useI18n<ConsoleMessageKey>();
  const { letter, result } = props;
  const name = { topic: letter.topic, id: letter.id };
  const busy = result?.state === 'replaying';
  return (
    <tr data-dead-letter={letter.id}>
      <td>
        <input
          type="checkbox"
          class="row-check"
          aria-label={i18n.t('deadLetters.selectOne', name)}
          checked={props.selected}
          disabled={busy}
          onChange={(e) => props.onSelect(e.currentTarget.checked)}
        />
      </td>
      <td>
        <code>{letter.topic}</code>
      </td>
      <td>{letter.attributes.event ?? '—'}</td>
      <td class="number">{letter.attempts.toLocaleString(i18n.lang)}</td>
      <td class="reason">
        <span class="reason-kind">{i18n.t(`deadLetters.kind.${letter.kind}`)}</span>
        <span class="reason-text">{letter.reason}</span>
      </td>
      <td>
        <time
          dateTime={letter.deadLetteredAt}
          title={new Date(letter.deadLetteredAt).toLocaleString(i18n.lang)}
        >
          {ageOf(letter.deadLetteredAt, i18n.lang)}
        </time>
      </td>
      <td>
        {letter.replayedAt === null ? (
          <span class="pill pill-status-failed">{i18n.t('deadLetters.waiting')}</span>
        ) : (
          <span class="pill pill-status-processed">
            {i18n.t('deadLetters.replayedAt', { age: ageOf(letter.replayedAt, i18n.lang) })}
          </span>
        )}
      </td>
      <td>
        <div class="replay-cell">
          <Button
            variant="secondary"
            disabled={busy}
            aria-label={i18n.t('deadLetters.replayOne', name)}
            onClick={props.onReplay}
          >
            {i18n.t('deadLetters.replay')}
          </Button>
          <span role="status" class="replay-result">
            {result?.state === 'replaying' && i18n.t('deadLetters.replaying')}
            {result?.state === 'done' && i18n.t('deadLetters.replayed')}
            {result?.state === 'failed' && i18n.errorMessage(result.failure.code)}
          </span>
        </div>
      </td>
    </tr>
  );
}
