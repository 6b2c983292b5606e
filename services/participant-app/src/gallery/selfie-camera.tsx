import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { StatusBanner } from '@photo/web/ui/status-banner';
import type { ParticipantMessageKey } from '../i18n/messages';

/** The long side of the JPEG sent: enough for a face detector, small enough for a venue's Wi-Fi. */
const MAX_SIDE = 1280;

type CameraState = 'starting' | 'ready' | 'blocked' | 'missing';

/** The front camera's preview (mirrored, as people expect of a selfie) and a shutter that hands over a JPEG. */
export function SelfieCamera({
  onShot,
  onCancel,
  waitSeconds,
}: {
  onShot: (selfie: Blob) => void;
  onCancel: () => void;
  /** A 429's Retry-After still running: the shutter waits. */
  waitSeconds: number;
}) {
  const i18n = useI18n<ParticipantMessageKey>();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>('starting');

  useEffect(() => {
    let live = true;
    let stream: MediaStream | null = null;
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!media?.getUserMedia) {
      setState('missing');
      return;
    }
    media
      .getUserMedia({
        video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 960 } },
        audio: false,
      })
      .then(
        async (s) => {
          if (!live) return s.getTracks().forEach((t) => t.stop());
          stream = s;
          video.current!.srcObject = s;
          await video.current!.play().catch(() => undefined);
          setState('ready');
        },
        (err: unknown) => setState((err as Error).name === 'NotAllowedError' ? 'blocked' : 'missing'),
      );
    return () => {
      live = false;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);

  const shoot = async () => {
    const selfie = await captureJpeg(video.current!);
    if (selfie) onShot(selfie);
  };

  return (
    <div class="selfie-camera">
      <video
        ref={video}
        class="selfie-preview"
        aria-label={i18n.t('gallery.camera')}
        playsInline
        muted
        autoPlay
      />
      {state === 'starting' && <p>{i18n.t('gallery.cameraStarting')}</p>}
      {state === 'blocked' && <StatusBanner tone="bad">{i18n.t('gallery.cameraBlocked')}</StatusBanner>}
      {state === 'missing' && <StatusBanner tone="bad">{i18n.t('gallery.cameraMissing')}</StatusBanner>}
      <div class="screen-actions">
        <Button large disabled={state !== 'ready' || waitSeconds > 0} onClick={() => void shoot()}>
          {waitSeconds > 0 ? i18n.t('gallery.waitFor', { seconds: waitSeconds }) : i18n.t('gallery.shutter')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {i18n.t('action.cancel')}
        </Button>
      </div>
    </div>
  );
}

/** The current frame as a JPEG, at most MAX_SIDE on its long side (unmirrored: the face as the camera saw it). */
async function captureJpeg(video: HTMLVideoElement): Promise<Blob | null> {
  const { videoWidth: w, videoHeight: h } = video;
  if (!w || !h) return null;
  const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
}
