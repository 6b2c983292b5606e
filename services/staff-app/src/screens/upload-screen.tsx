import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useEffect, useState } from 'preact/hooks';
import { mark } from '../app/marks';
import { useStaff } from '../app/staff-services';
import { useShot } from '../app/use-outbox';
import type { StaffMessageKey } from '../i18n/messages';
import { describeShotError } from './shot-error';

/** Progress of the accepted shot, then its new version; the next scan is one tap away either way. */
export function UploadScreen({
  shotId,
  onNext,
  onConflict,
  onOutbox,
}: {
  shotId: string;
  onNext: () => void;
  onConflict: () => void;
  onOutbox: () => void;
}) {
  const i18n = useI18n<StaffMessageKey>();
  const { outbox, uploader } = useStaff();
  const shot = useShot(outbox, shotId);
  const [fraction, setFraction] = useState(0);
  useEffect(() => uploader.onProgress((id, f) => id === shotId && setFraction(f)), [uploader, shotId]);
  const state = shot?.state;
  useEffect(() => {
    if (state === 'done') mark('upload-confirmed');
    if (state === 'conflict') onConflict();
  }, [state]);

  if (shot === undefined) return null;
  if (shot === null)
    return <Screen title={i18n.t('upload.title')} actions={<NextButton onNext={onNext} />} />;
  const name = shot.participantName;
  return (
    <Screen title={name} actions={<NextButton onNext={onNext} />}>
      {shot.state === 'done' && (
        <div class="answer answer-ok" role="status">
          <p class="answer-headline">{i18n.t('upload.done')}</p>
          <p class="answer-detail">{i18n.t('upload.doneVersion', { name, version: shot.version ?? 0 })}</p>
        </div>
      )}
      {(shot.state === 'pending' || shot.state === 'uploading') && (
        <>
          <p>{i18n.t('upload.sending', { name })}</p>
          <progress class="progress" max={1} value={fraction} aria-label={i18n.t('upload.progress')} />
          {shot.lastError && <StatusBanner tone="warn">{i18n.t('upload.waiting')}</StatusBanner>}
        </>
      )}
      {shot.state === 'failed' && (
        <>
          <StatusBanner tone="bad">
            {i18n.t('upload.failed', { reason: describeShotError(i18n, shot.lastError) })}
          </StatusBanner>
          <Button variant="secondary" onClick={onOutbox}>
            {i18n.t('upload.toOutbox')}
          </Button>
        </>
      )}
    </Screen>
  );
}

function NextButton({ onNext }: { onNext: () => void }) {
  const i18n = useI18n<StaffMessageKey>();
  return (
    <Button large onClick={onNext}>
      {i18n.t('upload.next')}
    </Button>
  );
}
