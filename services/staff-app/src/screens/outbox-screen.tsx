import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useState } from 'preact/hooks';
import { useStaff } from '../app/staff-services';
import { useObjectUrl } from '@photo/web/hooks/use-object-url';
import { useOutbox } from '../app/use-outbox';
import type { StaffMessageKey } from '../i18n/messages';
import type { Shot } from '../outbox/outbox.store';
import { describeShotError } from './shot-error';

/** Every shot on this device and where it stands: retry now, check a conflict, discard (after asking). */
export function OutboxScreen({
  onBack,
  onResolve,
}: {
  onBack: () => void;
  onResolve: (shotId: string) => void;
}) {
  const i18n = useI18n<StaffMessageKey>();
  const { outbox, uploader } = useStaff();
  const { shots, counts } = useOutbox(outbox);
  const open = shots.filter((shot) => shot.state !== 'done');
  const retryable = open.filter((shot) => shot.state === 'pending' || shot.state === 'failed');
  return (
    <Screen
      title={i18n.t('outbox.title')}
      actions={
        <>
          {retryable.length > 0 && (
            <Button large onClick={() => retryable.forEach((shot) => void uploader.retryNow(shot.id))}>
              {i18n.t('outbox.retryAll')}
            </Button>
          )}
          <Button variant="secondary" large={retryable.length === 0} onClick={onBack}>
            {i18n.t('outbox.back')}
          </Button>
        </>
      }
    >
      {counts && (
        <p class="outbox-summary">
          {i18n.t('outbox.summary', {
            waiting: counts.waiting,
            failed: counts.failed,
            conflict: counts.conflict,
            done: counts.done,
          })}
        </p>
      )}
      {counts && open.length === 0 && <StatusBanner tone="ok">{i18n.t('outbox.empty')}</StatusBanner>}
      <ul class="outbox-list">
        {shots.map((shot) => (
          <OutboxItem key={shot.id} shot={shot} onResolve={() => onResolve(shot.id)} />
        ))}
      </ul>
    </Screen>
  );
}

function OutboxItem({ shot, onResolve }: { shot: Shot; onResolve: () => void }) {
  const i18n = useI18n<StaffMessageKey>();
  const { outbox, uploader } = useStaff();
  const thumbnail = useObjectUrl(shot.image);
  const [asking, setAsking] = useState(false);
  const name = shot.participantName;
  const time = new Date(shot.createdAt).toLocaleTimeString(i18n.lang, { hour: '2-digit', minute: '2-digit' });
  const tone =
    shot.state === 'done' ? 'ok' : shot.state === 'failed' || shot.state === 'conflict' ? 'bad' : 'warn';
  return (
    <li class="outbox-item">
      {thumbnail && <img class="thumbnail" src={thumbnail} alt="" />}
      <div class="outbox-item-body">
        <p class="outbox-item-name">{name}</p>
        <p class={`outbox-state outbox-state-${tone}`}>
          {i18n.t(`outbox.state.${shot.state}`, { version: shot.version ?? 0 })}
        </p>
        <p class="outbox-meta">
          {i18n.t('outbox.takenAt', { time })} · {i18n.t('outbox.attempts', { count: shot.attempts })}
        </p>
        {shot.lastError && shot.state !== 'done' && (
          <p class="outbox-meta">{describeShotError(i18n, shot.lastError)}</p>
        )}
        <div class="outbox-actions">
          {(shot.state === 'pending' || shot.state === 'failed') && (
            <Button variant="secondary" onClick={() => void uploader.retryNow(shot.id)}>
              {i18n.t('action.retry')}
            </Button>
          )}
          {shot.state === 'conflict' && <Button onClick={onResolve}>{i18n.t('outbox.resolve')}</Button>}
          {shot.state !== 'uploading' && shot.state !== 'done' && !asking && (
            <Button variant="secondary" onClick={() => setAsking(true)}>
              {i18n.t('outbox.discard')}
            </Button>
          )}
        </div>
        {asking && (
          <div class="confirm" role="alertdialog" aria-labelledby={`discard-${shot.id}`}>
            <p id={`discard-${shot.id}`} class="confirm-question">
              {i18n.t('outbox.discardAsk', { name })}
            </p>
            <div class="outbox-actions">
              <Button variant="danger" onClick={() => void outbox.remove(shot.id)}>
                {i18n.t('outbox.discardConfirm')}
              </Button>
              <Button variant="secondary" onClick={() => setAsking(false)}>
                {i18n.t('outbox.keep')}
              </Button>
            </div>
          </div>
        )}
      </div>
    </li>
  );
}
