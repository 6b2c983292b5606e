import { createApiClient } from '@photo/web/api/client';
import { describe, expect, it } from 'vitest';
import type { Shot } from './outbox.store';
import { createPhotoSender, LOGIN_NEEDED } from './photo-sender';

const shot: Shot = {
  id: 's1',
  idempotencyKey: 'shot-key-0123456789',
  visitorId: 'v_0123456789abcdefghij',
  qr: 'PQR1.x',
  participantName: 'Hanako',
  expectedVersion: 2,
  image: new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], { type: 'image/jpeg' }),
  createdAt: 1,
  state: 'pending',
  attempts: 0,
  lastError: null,
  nextAttemptAt: 0,
  version: null,
  currentVersion: null,
};

function clientAnswering(answer: () => Response | Promise<Response>, getToken = async () => 'tok') {
  const seen: { request: Request; body: Uint8Array }[] = [];
  const client = createApiClient({ baseUrl: 'http://api.test', getToken });
  const send = createPhotoSender(client, (options) => async (request) => {
    const body = new Uint8Array(await request.arrayBuffer());
    seen.push({ request, body });
    options.onUploadProgress?.(body.length / 2, body.length);
    options.onUploadProgress?.(body.length, body.length);
    return answer();
  });
  return { send, seen };
}

describe('photo sender', () => {
  it('when a shot is sent, then it is a PUT of its bytes with the confirmed version and its key', async () => {
    const { send, seen } = clientAnswering(() =>
      Response.json({ version: 3, created: true, imageId: 'img_x' }, { status: 201 }),
    );
    const progress: number[] = [];
    expect(await send(shot, (f) => progress.push(f))).toEqual({ kind: 'done', version: 3 });
    const [{ request, body }] = seen as [(typeof seen)[0]];
    expect(request.method).toBe('PUT');
    expect(request.url).toBe('http://api.test/participants/v_0123456789abcdefghij/photo?expectedVersion=2');
    expect(request.headers.get('idempotency-key')).toBe('shot-key-0123456789');
    expect(request.headers.get('content-type')).toBe('image/jpeg');
    expect(request.headers.get('authorization')).toBe('Bearer tok');
    expect([...body]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    expect(progress).toEqual([0.5, 1]);
  });

  it('when the server answers a version conflict, then the outcome names the current version', async () => {
    const { send } = clientAnswering(() =>
      Response.json(
        {
          error: {
            code: 'IMAGE.VERSION_CONFLICT',
            message: 'm',
            requestId: 'r',
            details: { currentVersion: 3 },
          },
        },
        { status: 409 },
      ),
    );
    expect(await send(shot, () => {})).toEqual({ kind: 'conflict', currentVersion: 3 });
  });

  it('when the connection drops, then the shot is to be retried as a network error', async () => {
    const { send } = clientAnswering(() => Promise.reject(new TypeError('Network request failed.')));
    expect(await send(shot, () => {})).toEqual({ kind: 'retry', error: 'NETWORK' });
  });

  it('when no token can be had, then the shot waits for a new login', async () => {
    const { send, seen } = clientAnswering(
      () => Response.json({}),
      () =>
        Promise.reject(Object.assign(new Error('Missing Refresh Token'), { error: 'missing_refresh_token' })),
    );
    expect(await send(shot, () => {})).toEqual({ kind: 'retry', error: LOGIN_NEEDED });
    expect(seen).toHaveLength(0);
  });
});
