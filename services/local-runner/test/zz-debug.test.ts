import { it } from 'vitest';
import { blocksPng, noisyJpeg } from '@photo/shared/testing/images';
import { startHarness } from './harness';
import { createParticipant, putPhoto } from './support';

it('debug', async () => {
  const h = await startHarness({ env: { MAX_UPLOAD_BYTES: '50000', MAX_INPUT_PIXELS: '10000' } });
  const operator = await h.token('operator');
  const staff = await h.token('staff');
  const p = await createParticipant(h, operator);
  const id = p.participant.visitorId;
  console.log('v1', (await putPhoto(h, staff, id, await blocksPng(100, 100, [[1, 2, 3]]), { contentType: 'image/png' })).status);
  const big = await noisyJpeg(400, 400, 3);
  const r = await putPhoto(h, staff, id, big, { expectedVersion: 1 });
  console.log('413?', r.status, await r.text());
  const t = Date.now();
  const g = await h.api(`/participants/${id}`, { token: operator });
  console.log('get', g.status, Date.now() - t);
  const t2 = Date.now();
  const s = await h.system.idp.serviceToken({ email: 'backend-api@embedded.local', audience: h.system.urls.imageServer });
  const direct = await fetch(`${h.system.urls.imageServer}/internal/images/img_00000000000000000000/links`, { method: 'POST', headers: { authorization: `Bearer ${s}`, 'content-type': 'application/json' }, body: '{}' });
  console.log('direct', direct.status, Date.now() - t2);
  const t3 = Date.now();
  const ac = AbortSignal.timeout(5000);
  const r2 = await putPhoto(h, staff, id, await blocksPng(200, 200, [[0, 0, 255]]), { contentType: 'image/png', expectedVersion: 1 }).catch((e) => e);
  console.log('pixels', r2.status ?? r2, Date.now() - t3, ac.aborted);
  await h.stop();
}, 60000);
