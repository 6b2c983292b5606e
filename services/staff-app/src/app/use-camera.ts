import { useEffect, useState } from 'preact/hooks';
import { CameraError, openRearCamera, stopCamera, type CameraErrorCode } from '../camera/camera';

export type CameraState =
  { kind: 'starting' } | { kind: 'ready'; stream: MediaStream } | { kind: 'error'; code: CameraErrorCode };

/** The rear camera while `active`: opened once and kept across the scan, card and capture screens. */
export function useCamera(active: boolean): CameraState {
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  useEffect(() => {
    // A stream stopped when the camera was last released must not be handed to the next screen.
    if (!active) return setState({ kind: 'starting' });
    let stream: MediaStream | null = null;
    let cancelled = false;
    setState({ kind: 'starting' });
    openRearCamera().then(
      (opened) => {
        if (cancelled) return stopCamera(opened);
        stream = opened;
        setState({ kind: 'ready', stream: opened });
      },
      (err: unknown) => {
        if (!cancelled)
          setState({ kind: 'error', code: err instanceof CameraError ? err.code : 'CAMERA.UNAVAILABLE' });
      },
    );
    return () => {
      cancelled = true;
      stopCamera(stream);
    };
  }, [active]);
  return state;
}
