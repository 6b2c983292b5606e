import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseHeaders, xhrFetch } from './xhr-fetch';

/** A stand-in XMLHttpRequest that records what it was asked and answers as a server would. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  responseType = '';
  withCredentials = false;
  status = 0;
  statusText = '';
  response: Blob | null = null;
  sent: Blob | null = null;
  responseHeaders = '';
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } =
    {
      onprogress: null,
    };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getAllResponseHeaders() {
    return this.responseHeaders;
  }
  send(body: Blob | null) {
    this.sent = body;
  }
  abort() {
    this.onabort?.();
  }
  answer(status: number, body: string, headers: string) {
    this.status = status;
    this.response = new Blob([body]);
    this.responseHeaders = headers;
    this.onload?.();
  }
}

afterEach(() => vi.unstubAllGlobals());
const waitForSend = async () => {
  for (let i = 0; i < 50 && !FakeXhr.last?.sent; i++) await new Promise((r) => setTimeout(r, 1));
  return FakeXhr.last!;
};

describe('xhrFetch', () => {
  it('when a body is uploaded, then progress is reported and the answer becomes a Response', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    FakeXhr.last = null;
    const progress: Array<[number, number]> = [];
    const pending = xhrFetch({ onUploadProgress: (sent, total) => progress.push([sent, total]) })(
      new Request('http://api.test/participants/v_1/photo', {
        method: 'PUT',
        body: new Uint8Array(10),
        headers: { 'Idempotency-Key': 'k1', 'Content-Type': 'image/jpeg' },
      }),
    );
    const xhr = await waitForSend();
    expect(xhr.method).toBe('PUT');
    expect(xhr.headers['idempotency-key']).toBe('k1');
    expect(xhr.sent?.size).toBe(10);
    xhr.upload.onprogress?.({ loaded: 4, total: 10, lengthComputable: true });
    xhr.upload.onprogress?.({ loaded: 10, total: 10, lengthComputable: true });
    xhr.answer(201, '{"version":1}', 'content-type: application/json\r\netag: "v1"\r\n');
    const response = await pending;
    expect(progress).toEqual([
      [4, 10],
      [10, 10],
    ]);
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(await response.json()).toEqual({ version: 1 });
  });

  it('when the network fails, then it rejects with a TypeError as fetch does', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    FakeXhr.last = null;
    const pending = xhrFetch()(new Request('http://api.test/x', { method: 'POST', body: 'a' }));
    (await waitForSend()).onerror?.();
    await expect(pending).rejects.toBeInstanceOf(TypeError);
  });

  it('when the signal aborts, then it rejects with an AbortError', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    FakeXhr.last = null;
    const controller = new AbortController();
    const pending = xhrFetch()(
      new Request('http://api.test/x', { method: 'POST', body: 'a', signal: controller.signal }),
    );
    await waitForSend();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('when the server answers 204, then the Response has no body', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    FakeXhr.last = null;
    const pending = xhrFetch()(new Request('http://api.test/x', { method: 'DELETE', body: '' }));
    (await waitForSend()).answer(204, '', '');
    expect((await pending).body).toBeNull();
  });
});

describe('parseHeaders', () => {
  it('when lines repeat a name, then the values are joined', () => {
    expect(parseHeaders('a: 1\r\nb: x: y\r\na: 2\r\n').get('a')).toBe('1, 2');
    expect(parseHeaders('a: 1\r\nb: x: y\r\n').get('b')).toBe('x: y');
  });
});
