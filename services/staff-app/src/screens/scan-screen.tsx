import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { TextField } from '@photo/web/ui/text-field';
import { useEffect, useRef, useState } from 'preact/hooks';
import { videoFrameSource } from '../camera/camera';
import { startFrameScanner } from '../camera/frame-scanner';
import { checkIn, type CheckinAnswer } from '../app/check-in';
import { mark } from '../app/marks';
import { useStaff } from '../app/staff-services';
import type { CameraState } from '../app/use-camera';
import type { StaffMessageKey } from '../i18n/messages';
import { CameraPreview } from './camera-preview';

/** Codes with their own headline on the scan screen: the participant's code is the problem, not the app. */
const CODE_HEADLINES: Record<string, StaffMessageKey> = {
  'QR.INVALID': 'scan.error.QR.INVALID',
  'QR.EXPIRED': 'scan.error.QR.EXPIRED',
  'PARTICIPANT.NOT_FOUND': 'scan.error.PARTICIPANT.NOT_FOUND',
  'REQUEST.INVALID': 'scan.error.REQUEST.INVALID',
};

type Refusal = Extract<CheckinAnswer, { ok: false }>;

/** The scanner: live preview decoding continuously, one big answer per code, manual entry below. */
export function ScanScreen({
  camera,
  onCheckedIn,
}: {
  camera: CameraState;
  onCheckedIn: (answer: Extract<CheckinAnswer, { ok: true }>) => void;
}) {
  const i18n = useI18n<StaffMessageKey>();
  const { client, decoder, deduper } = useStaff();
  const video = useRef<HTMLVideoElement>(null);
  const [checking, setChecking] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [manual, setManual] = useState('');
  const busy = useRef(false);
  const onCheckedInRef = useRef(onCheckedIn);
  onCheckedInRef.current = onCheckedIn;

  const answer = async (qr: string) => {
    if (busy.current) return;
    busy.current = true;
    setChecking(true);
    const result = await checkIn(client, qr);
    busy.current = false;
    setChecking(false);
    if (result.ok) onCheckedInRef.current(result);
    else setRefusal(result);
  };
  const answerRef = useRef(answer);
  answerRef.current = answer;

  const stream = camera.kind === 'ready' ? camera.stream : null;
  useEffect(() => {
    if (!stream || !video.current) return;
    const scanner = startFrameScanner({
      source: videoFrameSource(video.current),
      decoder,
      deduper,
      onCode: (code) => {
        if (busy.current) return;
        mark('scan-decoded');
        void answerRef.current(code);
      },
    });
    return () => scanner.stop();
  }, [stream, decoder, deduper]);

  // The answer sits at the top: it is the first thing to see, also after typing a code further down the page.
  useEffect(() => {
    if (refusal) window.scrollTo({ top: 0 });
  }, [refusal]);

  return (
    <Screen title={i18n.t('scan.title')}>
      {refusal ? (
        <div class="answer answer-bad" role="alert">
          <p class="answer-headline">
            {i18n.t(
              refusal.code && CODE_HEADLINES[refusal.code]
                ? CODE_HEADLINES[refusal.code]!
                : 'scan.error.other',
            )}
          </p>
          <p class="answer-detail">{i18n.errorMessage(refusal.code)}</p>
          <Button large variant="secondary" onClick={() => setRefusal(null)}>
            {i18n.t('scan.next')}
          </Button>
        </div>
      ) : (
        <p class="scan-hint">{checking ? i18n.t('scan.checking') : i18n.t('scan.hint')}</p>
      )}
      {camera.kind === 'error' ? (
        <StatusBanner tone="warn">{i18n.t(`scan.camera.${camera.code}`)}</StatusBanner>
      ) : (
        <CameraPreview stream={stream} label={i18n.t('scan.preview')} videoRef={video} framed />
      )}
      <details class="manual-entry" open={camera.kind === 'error'}>
        <summary>{i18n.t('scan.manual')}</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const qr = manual.trim();
            if (qr) void answer(qr);
          }}
        >
          <TextField
            label={i18n.t('scan.manualLabel')}
            value={manual}
            onInput={(e) => setManual(e.currentTarget.value)}
            autoComplete="off"
            autoCapitalize="off"
            spellcheck={false}
            maxLength={512}
          />
          <Button type="submit" disabled={checking || manual.trim() === ''}>
            {i18n.t('scan.manualSubmit')}
          </Button>
        </form>
      </details>
    </Screen>
  );
}
