import { useEffect, useRef } from 'preact/hooks';
import type { Ref } from 'preact';

/** The live camera picture; `videoRef` gives the element to scan or capture from. */
export function CameraPreview({
  stream,
  label,
  videoRef,
  framed = false,
}: {
  stream: MediaStream | null;
  label: string;
  videoRef?: Ref<HTMLVideoElement>;
  /** Draws the square the QR code should go in. */
  framed?: boolean;
}) {
  const own = useRef<HTMLVideoElement>(null);
  const ref = (videoRef as { current: HTMLVideoElement | null } | undefined) ?? own;
  useEffect(() => {
    const video = ref.current;
    if (!video || !stream || video.srcObject === stream) return;
    video.srcObject = stream;
    void video.play().catch(() => {
      // Autoplay of a muted inline video is allowed; a refusal only delays the picture until the next tap.
    });
  }, [stream, ref]);
  return (
    <div class={`camera ${framed ? 'camera-framed' : ''}`}>
      <video ref={ref} class="camera-video" aria-label={label} muted playsInline autoPlay />
    </div>
  );
}
