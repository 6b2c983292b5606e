import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

/** RGBA pixels of one frame, as a canvas's getImageData gives them. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface QrDecoder {
  /** The text of the QR code in the frame, or null when there is none (or none readable). */
  decode(frame: Pixels): Promise<string | null>;
}

/**
 * The zxing-cpp reader compiled to WebAssembly. Its .wasm comes from the app's own origin (the URL Vite emitted for
 * it) — never zxing-wasm's default CDN — or, outside a browser, from bytes already read.
 */
export function createQrDecoder(wasm: { url: string } | { binary: ArrayBuffer }): QrDecoder {
  prepareZXingModule({
    overrides:
      'url' in wasm
        ? {
            locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasm.url : prefix + path),
          }
        : { wasmBinary: wasm.binary },
    fireImmediately: false,
  });
  return {
    async decode(frame) {
      const [first] = await readBarcodes(frame as ImageData, {
        formats: ['QRCode'],
        maxNumberOfSymbols: 1,
        // A phone held at arm's length gives a small, slightly blurred code: look harder, it is still a few ms.
        tryHarder: true,
      });
      return first && first.isValid && first.text ? first.text : null;
    },
  };
}
