// Vite emits the reader's .wasm beside the app's assets and gives its URL: the decoder is served by the app itself.
import zxingReaderWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

export const ZXING_READER_WASM_URL: string = zxingReaderWasmUrl;
