import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse-parser';

function parse(chunks: string[], initialId: string | null = null) {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e), initialId);
  for (const chunk of chunks) parser.push(chunk);
  return { events, lastEventId: parser.lastEventId };
}

describe('SSE parser', () => {
  it('when the server sends the update and cursor events, then each is read with its name, data and id', () => {
    const { events, lastEventId } = parse([
      'retry: 3000\n\n',
      'event: update\ndata: {"imageId":"i_1","version":2}\n\n',
      'id: c42\ndata: {"cursor":"c42"}\nevent: cursor\n\n',
      ': keep-alive\n\n',
    ]);
    expect(events).toEqual([
      { event: 'update', data: '{"imageId":"i_1","version":2}', lastEventId: null, hasId: false },
      { event: 'cursor', data: '{"cursor":"c42"}', lastEventId: 'c42', hasId: true },
    ]);
    expect(lastEventId).toBe('c42');
  });

  it('when chunks split lines, fields and CRLF pairs anywhere, then the same events come out', () => {
    const whole = 'event: update\r\ndata: a\r\ndata: b\r\n\r\nid: 7\r\nevent: cursor\r\ndata: x\r\n\r\n';
    const expected = parse([whole]).events;
    for (let cut = 1; cut < whole.length; cut++) {
      expect(parse([whole.slice(0, cut), whole.slice(cut)]).events).toEqual(expected);
    }
    expect(expected.map((e) => e.data)).toEqual(['a\nb', 'x']);
  });

  it('when an event has no data, then nothing is dispatched; an id given at start is kept until a new one', () => {
    const { events, lastEventId } = parse(['event: update\n\n', 'data: y\n\n'], 'c1');
    expect(events).toEqual([{ event: 'message', data: 'y', lastEventId: 'c1', hasId: false }]);
    expect(lastEventId).toBe('c1');
  });

  it('when the stream ends in the middle of an event, then that event is not dispatched', () => {
    expect(parse(['event: update\ndata: half']).events).toEqual([]);
  });
});
