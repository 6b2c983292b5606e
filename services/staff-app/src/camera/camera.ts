import type { FrameSource } from './frame-scanner';

export type CameraErrorCode = 'CAMERA.DENIED' | 'CAMERA.NOT_FOUND' | 'CAMERA.UNAVAILABLE';

/** The rear camera (the one facing the participant), at a resolution good enough for a portrait. */
export async function openRearCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('CAMERA.UNAVAILABLE');
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 960 } },
    });
  } catch (err) {
    const name = err instanceof DOMException ? err.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new CameraError('CAMERA.DENIED');
    if (name === 'NotFoundError' || name === 'OverconstrainedError')
      throw new CameraError('CAMERA.NOT_FOUND');
    throw new CameraError('CAMERA.UNAVAILABLE');
  }
}

export class CameraError extends Error {
  constructor(readonly code: CameraErrorCode) {
    super(code);
    this.name = 'CameraError';
  }
}

export function stopCamera(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}

/**
 * The preview's current frame, scaled so its longer side is at most `maxSide`: QR codes read best at a few hundred
 * pixels, and more only costs decode time.
 */
export function videoFrameSource(video: HTMLVideoElement, maxSide = 720): FrameSource {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return {
    grab() {
      if (!context || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0)
        return null;
      const scale = Math.min(1, maxSide / Math.max(video.videoWidth, video.videoHeight));
      const width = Math.round(video.videoWidth * scale);
      const height = Math.round(video.videoHeight * scale);
      if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
      context.drawImage(video, 0, 0, width, height);
      return context.getImageData(0, 0, width, height);
    },
  };
}

/** A still of the preview as a JPEG, its longer side at most `maxSide`. */
export async function captureStill(video: HTMLVideoElement, maxSide = 1600, quality = 0.9): Promise<Blob> {
  await firstFrame(video);
  const scale = Math.min(1, maxSide / Math.max(video.videoWidth, video.videoHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new CameraError('CAMERA.UNAVAILABLE');
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new CameraError('CAMERA.UNAVAILABLE'))),
      'image/jpeg',
      quality,
    ),
  );
}

/** Resolves once the preview has a picture (a shutter tapped the moment the screen opened waits for it). */
export function firstFrame(video: HTMLVideoElement, timeoutMs = 5000): Promise<void> {
  if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0)
    return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      video.removeEventListener('loadeddata', done);
      if (video.videoWidth > 0) resolve();
      else reject(new CameraError('CAMERA.UNAVAILABLE'));
    };
    const timer = setTimeout(done, timeoutMs);
    video.addEventListener('loadeddata', done);
  });
}
