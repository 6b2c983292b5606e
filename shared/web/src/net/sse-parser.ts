/** One server-sent event as the stream gave it. */
export interface SseEvent {
  /** `message` when the server named none. */
  event: string;
  data: string;
  /** The last event id seen so far on this stream (SSE ids carry over to later events), or null. */
  lastEventId: string | null;
  /** Whether this very event carried an `id:` field. */
  hasId: boolean;
}

/**
 * Parses an event stream as the HTML standard's EventSource does (fields `event`, `data`, `id`; comments and
 * `retry` ignored; CRLF, CR or LF line ends), fed with decoded text chunks as they arrive: a chunk may end
 * mid-line or mid-event.
 */
export function createSseParser(onEvent: (event: SseEvent) => void, initialId: string | null = null) {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let hasData = false;
  let hasId = false;
  let lastEventId = initialId;

  const dispatch = () => {
    if (hasData) onEvent({ event: event || 'message', data: data.join('\n'), lastEventId, hasId });
    event = '';
    data = [];
    hasData = false;
    hasId = false;
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') {
      data.push(value);
      hasData = true;
    } else if (field === 'id' && !value.includes('\0')) {
      lastEventId = value;
      hasId = true;
    }
  };

  return {
    push(chunk: string): void {
      buffer += chunk;
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        // A lone CR at the very end may be the first half of a CRLF still on its way.
        if (!match || (match[0] === '\r' && match.index === buffer.length - 1)) break;
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
    /** The id to resume from (`Last-Event-ID`). */
    get lastEventId(): string | null {
      return lastEventId;
    },
  };
}
