import { createSseParser, type SseEvent } from './sse-parser';

/**
 * Reads a Server-Sent Events body fetched with its headers (a browser's EventSource cannot send a token) until the
 * server ends it, or `signal` aborts it; each event goes to `onEvent` as it arrives. Answers the last event id seen,
 * to send back as `Last-Event-ID` when reconnecting.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  options: { lastEventId: string | null; signal: AbortSignal },
): Promise<string | null> {
  const parser = createSseParser(onEvent, options.lastEventId);
  const decoder = new TextDecoder();
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => {});
  options.signal.addEventListener('abort', cancel);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return parser.lastEventId;
      parser.push(decoder.decode(value, { stream: true }));
    }
  } finally {
    options.signal.removeEventListener('abort', cancel);
  }
}
