import type { Pixels, QrDecoder } from './qr-decoder';
import type { ScanDeduper } from './scan-deduper';

/** Where frames come from: the camera preview in the app, prepared pixels in tests. Null while there is no frame. */
export interface FrameSource {
  grab(): Pixels | null;
}

export interface FrameScannerDeps {
  source: FrameSource;
  decoder: QrDecoder;
  deduper: ScanDeduper;
  /** A new code was read. */
  onCode: (code: string) => void;
  /** Runs the callback after about `ms`; returns the cancel. */
  schedule?: (callback: () => void, ms: number) => () => void;
  /** Pause between the end of one decode and the next grab: decoding every frame would heat a phone for nothing. */
  intervalMs?: number;
}

const defaultSchedule = (callback: () => void, ms: number) => {
  const handle = setTimeout(callback, ms);
  return () => clearTimeout(handle);
};

/** Decodes frames one after the other (never two at once) until stopped; each new code is reported once. */
export function startFrameScanner(deps: FrameScannerDeps): { stop(): void } {
  const schedule = deps.schedule ?? defaultSchedule;
  const intervalMs = deps.intervalMs ?? 60;
  let stopped = false;
  let cancel: () => void = () => {};

  const tick = async () => {
    if (stopped) return;
    const frame = deps.source.grab();
    if (frame) {
      let code: string | null = null;
      try {
        code = await deps.decoder.decode(frame);
      } catch {
        // One unreadable frame (a camera hiccup) is not worth stopping the scanner for.
      }
      if (stopped) return;
      if (code !== null && deps.deduper.accept(code)) deps.onCode(code);
    }
    if (!stopped) cancel = schedule(() => void tick(), intervalMs);
  };
  cancel = schedule(() => void tick(), 0);
  return {
    stop() {
      stopped = true;
      cancel();
    },
  };
}
