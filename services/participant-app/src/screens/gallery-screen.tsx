import { useEffect, useState } from 'preact/hooks';
import { ApiCallError } from '../app/api-sources';
import type { GalleryClient } from '@photo/web/api/gallery-client';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import type { GalleryStore, KeptGalleryUser } from '../gallery/gallery.store';
import { joinGallery, readExpression, type Emotion, type JoinedUser } from '../gallery/gallery-sources';
import { Recommendations } from '../gallery/recommendations';
import { SelfieCamera } from '../gallery/selfie-camera';
import type { ParticipantMessageKey } from '../i18n/messages';
import { EraseSection } from './erase-section';

type Step =
  | { kind: 'intro' }
  | { kind: 'camera' }
  | { kind: 'reading' }
  | { kind: 'result'; emotion: Emotion; user: JoinedUser };

export interface GalleryScreenProps {
  gallery: GalleryClient;
  store: GalleryStore;
  /** A gallery call answered 401: find out from the backend whether the participant token is gone. */
  onRefused: () => void;
  onErase: () => Promise<void>;
}

/**
 * The expression gallery: consent first (off unless ticked), a selfie from the front camera, the expression read
 * from it, and the images picked for it, with likes. The participant token is the gallery identity.
 */
export function GalleryScreen({ gallery, store, onRefused, onErase }: GalleryScreenProps) {
  const i18n = useI18n<ParticipantMessageKey>();
  const [step, setStep] = useState<Step>({ kind: 'intro' });
  const [consent, setConsent] = useState(false);
  const [kept, setKept] = useState<KeptGalleryUser | null>(null);
  const [failure, setFailure] = useState<ApiCallError | null>(null);
  const wait = useCountdown(failure?.code === 'RATE.LIMITED' ? failure.retryAfter : null);

  useEffect(() => {
    void store.read().then(setKept);
  }, []);

  const read = async (selfie: Blob) => {
    setStep({ kind: 'reading' });
    setFailure(null);
    try {
      const emotion = await readExpression(gallery, selfie);
      const user = await joinGallery(gallery, emotion, consent);
      const record = { userId: user.userId, expression: user.expression, faceExpiresAt: user.faceExpiresAt };
      await store.write(record);
      setKept(record);
      setStep({ kind: 'result', emotion, user });
    } catch (err) {
      const failed = err instanceof ApiCallError ? err : new ApiCallError(0, null);
      if (failed.status === 401) onRefused();
      setFailure(failed);
      setStep({ kind: 'camera' });
    }
  };

  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.lang, { dateStyle: 'long' });
  return (
    <Screen title={i18n.t('gallery.title')}>
      {step.kind === 'intro' && (
        <>
          <p class="lead">{i18n.t('gallery.explain')}</p>
          <ConsentChoice consent={consent} onChange={setConsent} />
          <Button large onClick={() => setStep({ kind: 'camera' })}>
            {i18n.t('gallery.start')}
          </Button>
        </>
      )}
      {step.kind === 'camera' && (
        <>
          {failure && !(failure.code === 'RATE.LIMITED' && wait === 0) && (
            <ErrorNotice code={failure.code} retryAfterSeconds={wait} />
          )}
          <ConsentChoice consent={consent} onChange={setConsent} compact />
          <SelfieCamera
            waitSeconds={wait ?? 0}
            onShot={(selfie) => void read(selfie)}
            onCancel={() => {
              setFailure(null);
              setStep({ kind: 'intro' });
            }}
          />
        </>
      )}
      {step.kind === 'reading' && <StatusBanner tone="info">{i18n.t('gallery.reading')}</StatusBanner>}
      {step.kind === 'result' && (
        <div class="emotion-result" aria-live="polite">
          <p class="emotion-expression">
            {i18n.t('gallery.expression', { expression: i18n.t(`expr.${step.emotion.expression}`) })}
          </p>
          <p class="hint">
            {i18n.t('gallery.confidence', { percent: Math.round(step.emotion.confidence * 100) })}
          </p>
          {step.emotion.userId && <StatusBanner tone="ok">{i18n.t('gallery.recognised')}</StatusBanner>}
          <p>
            {step.user.faceExpiresAt
              ? i18n.t('gallery.faceKept', { date: date(step.user.faceExpiresAt) })
              : i18n.t('gallery.faceNotKept')}
          </p>
          <Button variant="secondary" onClick={() => setStep({ kind: 'intro' })}>
            {i18n.t('gallery.again')}
          </Button>
        </div>
      )}
      {kept && step.kind !== 'camera' && step.kind !== 'reading' && (
        <Recommendations
          gallery={gallery}
          userId={kept.userId}
          expression={step.kind === 'result' ? step.emotion.expression : null}
          onRefused={onRefused}
        />
      )}
      <EraseSection onErase={onErase} />
    </Screen>
  );
}

function ConsentChoice({
  consent,
  onChange,
  compact = false,
}: {
  consent: boolean;
  onChange: (c: boolean) => void;
  /** Without the explanation (the camera step: it was on the screen before). */
  compact?: boolean;
}) {
  const i18n = useI18n<ParticipantMessageKey>();
  return (
    <div class="consent">
      <label class="check">
        <input
          type="checkbox"
          checked={consent}
          aria-describedby={compact ? undefined : 'consent-hint'}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        <span>{i18n.t('gallery.consent')}</span>
      </label>
      {!compact && (
        <p id="consent-hint" class="hint">
          {i18n.t('gallery.consentHint')}
        </p>
      )}
    </div>
  );
}

/** Seconds left of a Retry-After, ticking down to 0 (null when there is none). */
function useCountdown(seconds: number | null): number | null {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    setLeft(seconds);
    if (!seconds) return;
    const until = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      const rest = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setLeft(rest);
      if (rest === 0) clearInterval(timer);
    }, 500);
    return () => clearInterval(timer);
  }, [seconds]);
  return left;
}
