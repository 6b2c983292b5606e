import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { Screen } from '@photo/web/ui/screen';
import { useEffect, useState } from 'preact/hooks';
import { confirmedVersion, type Checkin } from '../app/check-in';
import { markAfterPaint } from '../app/marks';
import type { StaffMessageKey } from '../i18n/messages';
import { OneTimePhoto } from './one-time-photo';

/**
 * The answer to a scan: green "not photographed yet" or amber "already photographed — check the face" with the
 * current photo; overwriting takes an explicit second step.
 */
export function CardScreen({
  checkin,
  onShoot,
  onCancel,
}: {
  checkin: Checkin;
  onShoot: (expectedVersion: number) => void;
  onCancel: () => void;
}) {
  const i18n = useI18n<StaffMessageKey>();
  const [asking, setAsking] = useState(false);
  const { participant, status, photo } = checkin;
  const photographed = status.state === 'photographed';
  useEffect(() => markAfterPaint('card-shown'), []);

  return (
    <Screen title={participant.displayName}>
      <div class={`answer ${photographed ? 'answer-ask' : 'answer-ok'}`} role="status">
        <p class="answer-headline">{i18n.t(photographed ? 'card.answer.photographed' : 'card.answer.new')}</p>
      </div>
      <dl class="facts">
        <div>
          <dt>{i18n.t('card.status')}</dt>
          <dd>{i18n.t(`card.status.${status.state}`)}</dd>
        </div>
        <div>
          <dt>{i18n.t('card.version')}</dt>
          <dd>{status.photoVersion}</dd>
        </div>
      </dl>
      {photo && (
        <OneTimePhoto url={photo.url} alt={i18n.t('card.currentPhoto', { name: participant.displayName })} />
      )}
      <div class="screen-actions">
        {!photographed && (
          <Button large onClick={() => onShoot(confirmedVersion(checkin))}>
            {i18n.t('card.take')}
          </Button>
        )}
        {photographed && !asking && (
          <Button large variant="secondary" onClick={() => setAsking(true)}>
            {i18n.t('card.overwrite')}
          </Button>
        )}
        {photographed && asking && (
          <div class="confirm" role="group" aria-labelledby="overwrite-ask">
            <p id="overwrite-ask" class="confirm-question">
              {i18n.t('card.overwriteAsk', { version: status.photoVersion })}
            </p>
            <Button large variant="danger" onClick={() => onShoot(confirmedVersion(checkin))}>
              {i18n.t('card.overwriteConfirm')}
            </Button>
          </div>
        )}
        <Button variant="secondary" onClick={onCancel}>
          {i18n.t(asking ? 'action.cancel' : 'scan.next')}
        </Button>
      </div>
    </Screen>
  );
}
