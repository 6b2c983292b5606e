import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useEffect, useState } from 'preact/hooks';
import { checkIn, type CheckinAnswer } from '../app/check-in';
import { useStaff } from '../app/staff-services';
import { useObjectUrl } from '@photo/web/hooks/use-object-url';
import { useShot } from '../app/use-outbox';
import type { StaffMessageKey } from '../i18n/messages';
import { OneTimePhoto } from './one-time-photo';

/**
 * Someone else photographed the participant while this shot waited: a fresh check-in shows the photo saved meanwhile
 * and its version, and the staff decides again.
 */
export function ConflictScreen({
  shotId,
  onResent,
  onDiscarded,
}: {
  shotId: string;
  onResent: () => void;
  onDiscarded: () => void;
}) {
  const i18n = useI18n<StaffMessageKey>();
  const { client, outbox, uploader } = useStaff();
  const shot = useShot(outbox, shotId);
  const yours = useObjectUrl(shot?.image);
  const [fresh, setFresh] = useState<CheckinAnswer | null>(null);
  const qr = shot?.qr;
  useEffect(() => {
    if (qr) void checkIn(client, qr).then(setFresh);
  }, [client, qr]);

  if (!shot) return null;
  const name = shot.participantName;
  const current = fresh?.ok ? fresh.checkin : null;
  return (
    <Screen
      title={i18n.t('conflict.title', { name })}
      actions={
        <>
          <Button
            large
            variant="danger"
            disabled={!current}
            onClick={() => {
              if (!current) return;
              void uploader.reconfirm(shotId, current.status.photoVersion);
              onResent();
            }}
          >
            {i18n.t('conflict.overwrite')}
          </Button>
          <Button variant="secondary" onClick={() => void outbox.remove(shotId).then(onDiscarded)}>
            {i18n.t('conflict.discard')}
          </Button>
        </>
      }
    >
      {!fresh && <StatusBanner tone="info">{i18n.t('conflict.loading')}</StatusBanner>}
      {fresh && !fresh.ok && <ErrorNotice code={fresh.code} />}
      {current && (
        <>
          <div class="answer answer-ask" role="status">
            <p class="answer-headline">{i18n.t('conflict.lead', { version: current.status.photoVersion })}</p>
          </div>
          <div class="photo-pair">
            <figure>
              {current.photo && (
                <OneTimePhoto
                  url={current.photo.url}
                  alt={i18n.t('conflict.current', { name, version: current.status.photoVersion })}
                />
              )}
              <figcaption>
                {i18n.t('conflict.current', { name, version: current.status.photoVersion })}
              </figcaption>
            </figure>
            <figure>
              {yours && <img class="photo" src={yours} alt={i18n.t('conflict.yours')} />}
              <figcaption>{i18n.t('conflict.yours')}</figcaption>
            </figure>
          </div>
        </>
      )}
    </Screen>
  );
}
