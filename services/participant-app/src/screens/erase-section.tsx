import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import type { ParticipantMessageKey } from '../i18n/messages';

/** "Delete my data": what it deletes, a second step to confirm, then the erasure the caller runs. */
export function EraseSection({ onErase }: { onErase: () => Promise<void> }) {
  const i18n = useI18n<ParticipantMessageKey>();
  const [step, setStep] = useState<'idle' | 'confirm' | 'working'>('idle');
  const [failure, setFailure] = useState<{ code: string | null; retryAfter: number | null } | null>(null);
  const confirm = useRef<HTMLDivElement>(null);
  // The question and its two answers come into view: at the foot of a long screen they would be below the fold.
  useEffect(() => {
    if (step === 'confirm') confirm.current?.scrollIntoView({ block: 'end', behavior: 'smooth' });
  }, [step]);

  const erase = async () => {
    setStep('working');
    setFailure(null);
    try {
      await onErase();
    } catch (err) {
      const { code = null, retryAfter = null } = err as { code?: string | null; retryAfter?: number | null };
      setFailure({ code, retryAfter });
      setStep('idle');
    }
  };

  return (
    <section class="settings-section erase-section" aria-labelledby="erase-title">
      <h3 id="erase-title">{i18n.t('erase.title')}</h3>
      <p class="hint">{i18n.t('erase.explain')}</p>
      {failure && <ErrorNotice code={failure.code} retryAfterSeconds={failure.retryAfter} />}
      {step === 'idle' && (
        <Button variant="danger" onClick={() => setStep('confirm')}>
          {i18n.t('erase.start')}
        </Button>
      )}
      {step !== 'idle' && (
        <div class="erase-confirm" role="group" aria-labelledby="erase-confirm" ref={confirm}>
          <p id="erase-confirm">
            <strong>{i18n.t('erase.confirm')}</strong>
          </p>
          <Button variant="danger" disabled={step === 'working'} onClick={() => void erase()}>
            {step === 'working' ? i18n.t('erase.working') : i18n.t('erase.yes')}
          </Button>
          <Button variant="secondary" disabled={step === 'working'} onClick={() => setStep('idle')}>
            {i18n.t('erase.no')}
          </Button>
        </div>
      )}
    </section>
  );
}
