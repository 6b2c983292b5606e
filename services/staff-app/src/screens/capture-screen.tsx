import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useRef, useState } from 'preact/hooks';
import { captureStill } from '../camera/camera';
import type { CameraState } from '../app/use-camera';
import type { StaffMessageKey } from '../i18n/messages';
import { CameraPreview } from './camera-preview';

/** The preview and one big shutter at the bottom, where the thumb is. */
export function CaptureScreen({
  name,
  camera,
  onCaptured,
  onBack,
}: {
  name: string;
  camera: CameraState;
  onCaptured: (image: Blob) => void;
  onBack: () => void;
}) {
  const i18n = useI18n<StaffMessageKey>();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const stream = camera.kind === 'ready' ? camera.stream : null;
  const shoot = async () => {
    if (!video.current) return;
    try {
      onCaptured(await captureStill(video.current));
    } catch {
      setFailed(true);
    }
  };
  return (
    <Screen
      title={i18n.t('capture.title', { name })}
      actions={
        <>
          <Button large disabled={!stream} onClick={() => void shoot()}>
            {i18n.t('capture.shutter')}
          </Button>
          <Button variant="secondary" onClick={onBack}>
            {i18n.t('capture.back')}
          </Button>
        </>
      }
    >
      {(camera.kind === 'error' || failed) && (
        <StatusBanner tone="bad">
          {i18n.t(`scan.camera.${camera.kind === 'error' ? camera.code : 'CAMERA.UNAVAILABLE'}`)}
        </StatusBanner>
      )}
      <CameraPreview stream={stream} label={i18n.t('scan.preview')} videoRef={video} />
    </Screen>
  );
}
