import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import {
  launchBrowser,
  phoneContext,
  screenshot,
  seriousAxeViolations,
  startAppsSystem,
  type AppsSystem,
} from './browser';

/** The narrowest phone the app is made for, held upright. */
const NARROW_PHONE = { width: 360, height: 740 } as const;

let apps: AppsSystem;
let appUrl: string;
let browser: Browser;
let operatorToken: string;
let staffToken: string;

async function api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  return fetch(`${apps.system.urls.backend}${path}`, { ...init, headers });
}

async function participant(displayName: string): Promise<{ visitorId: string; token: string }> {
  const res = await api('/participants', {
    method: 'POST',
    token: operatorToken,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ displayName }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { participant: { visitorId: string }; participantToken: string };
  return { visitorId: body.participant.visitorId, token: body.participantToken };
}

async function phone(lang: 'ja' | 'en'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phoneContext(browser, lang);
  const page = await context.newPage();
  await page.setViewportSize(NARROW_PHONE);
  page.setDefaultTimeout(20_000);
  return { context, page };
}

/** axe on the screen in its language and in the other one, then back. */
async function expectAccessibleInBothLanguages(page: Page): Promise<void> {
  const select = page.getByRole('combobox', { name: /^(言語|Language)$/ });
  const before = await select.inputValue();
  for (const lang of [before, before === 'ja' ? 'en' : 'ja']) {
    await select.selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    const violations = await seriousAxeViolations(page);
    expect(violations, `${lang}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }
  await select.selectOption(before);
  await page.waitForFunction((l) => document.documentElement.lang === l, before);
}

/**
 * Reads a QR code as the staff app does (zxing-wasm, QR only, one symbol, try harder) from a picture of it shrunk
 * to `side` pixels and set in a 720×540 frame: the code as a staff phone's camera sees a phone held out to it.
 */
async function decodeAtArmsLength(png: Buffer, side: number): Promise<string | null> {
  const small = await sharp(png).resize({ width: side }).png().toBuffer();
  const { data, info } = await sharp(small)
    .extend({
      top: Math.floor((540 - side) / 2),
      bottom: Math.ceil((540 - side) / 2),
      left: Math.floor((720 - side) / 2),
      right: Math.ceil((720 - side) / 2),
      background: '#7a6a5a',
    })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = {
    width: info.width,
    height: info.height,
    data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
  };
  const [first] = await readBarcodes(pixels as ImageData, {
    formats: ['QRCode'],
    maxNumberOfSymbols: 1,
    tryHarder: true,
  });
  return first && first.isValid && first.text ? first.text : null;
}

beforeAll(async () => {
  // Self-registration is off unless the event turns it on.
  apps = await startAppsSystem({ SELF_REGISTRATION: 'true' });
  appUrl = apps.appUrl('participant-app');
  const audience = apps.system.audience;
  operatorToken = await apps.system.idp.accessToken({ role: 'operator', subject: 'test|operator', audience });
  staffToken = await apps.system.idp.accessToken({ role: 'staff', subject: 'test|staff', audience });
  browser = await launchBrowser();
  const wasm = await readFile(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.length) },
    fireImmediately: false,
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await apps?.stop();
});

describe('the participant app: my check-in code, and why I was signed out', { timeout: 90_000 }, () => {
  it('when someone registers, then their own check-in code shows, scans at arm’s length and checks them in', async () => {
    const { context, page } = await phone('en');
    await page.goto(appUrl);
    await page.getByLabel('Your name', { exact: false }).fill('Aiko Tanaka');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('heading', { name: 'Your check-in code' }).waitFor();
    await page.getByText('You are registered, Aiko Tanaka.').waitFor();
    const code = page.getByRole('img', { name: 'Check-in QR code of Aiko Tanaka' });
    const box = (await code.boundingBox())!;
    // As wide as a 360 px phone allows, inside the screen.
    expect(box.width).toBeGreaterThanOrEqual(280);
    expect(box.x + box.width).toBeLessThanOrEqual(NARROW_PHONE.width);
    await expectAccessibleInBothLanguages(page);
    await screenshot(page, 'participant-code-en');

    // About 3 px a module in a 720 px frame: what a staff phone sees of a phone held out at arm's length.
    const payload = await decodeAtArmsLength(await code.screenshot(), 130);
    expect(payload).toMatch(/^PQR1\./);
    const checkin = await api('/checkin', {
      method: 'POST',
      token: staffToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qr: payload }),
    });
    expect(checkin.status).toBe(200);
    expect(((await checkin.json()) as { participant: { displayName: string } }).participant.displayName).toBe(
      'Aiko Tanaka',
    );

    // It stays on the phone: after a reload it is one tap away from my photos.
    await page.getByRole('button', { name: 'Continue to my photos' }).click();
    await page.waitForFunction(() => location.hash === '');
    await page.reload();
    await page.getByRole('button', { name: 'Show my check-in code' }).click();
    await page.getByRole('img', { name: 'Check-in QR code of Aiko Tanaka' }).waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
    await page.getByRole('heading', { name: 'あなたのチェックインコード' }).waitFor();
    await screenshot(page, 'participant-code-ja');
    await context.close();
  });

  it('when someone who joined by an operator’s link opens their check-in code, then a fresh one shows, checks them in and is kept for offline', async () => {
    const mio = await participant('Mio Sato');
    const { context, page } = await phone('en');
    await page.goto(`${appUrl}/#token=${mio.token}`);
    await page.getByText('Not photographed yet', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Show my check-in code' }).click();
    await page.getByRole('heading', { name: 'Your check-in code' }).waitFor();
    const code = page.getByRole('img', { name: 'Check-in QR code of Mio Sato' });
    await code.waitFor();
    await page.getByText(/^Valid until /).waitFor();
    const box = (await code.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(280);
    expect(box.x + box.width).toBeLessThanOrEqual(NARROW_PHONE.width);
    await expectAccessibleInBothLanguages(page);
    await screenshot(page, 'participant-code-link-en');

    const payload = await decodeAtArmsLength(await code.screenshot(), 130);
    expect(payload).toMatch(new RegExp(`^PQR1\\.${mio.visitorId}\\.`));
    const checkin = await api('/checkin', {
      method: 'POST',
      token: staffToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qr: payload }),
    });
    expect(checkin.status).toBe(200);
    expect(((await checkin.json()) as { participant: { visitorId: string } }).participant.visitorId).toBe(
      mio.visitorId,
    );

    // Offline, the code kept on the phone still shows, and says it is the kept one.
    await page.getByRole('button', { name: 'Continue to my photos' }).click();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Show my check-in code' }).click();
    await page.getByText('You are offline: this is the code kept on this phone.').waitFor();
    expect(await decodeAtArmsLength(await code.screenshot(), 130)).toBe(payload);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
    await page.getByText('オフラインです。この端末に保存したコードを表示しています。').waitFor();
    await expectAccessibleInBothLanguages(page);
    await screenshot(page, 'participant-code-offline-ja');
    await context.close();
  });

  it('when the participant’s token was replaced by a newer one, then the app says so and to open the newest link', async () => {
    const ren = await participant('Ren Abe');
    const { context, page } = await phone('en');
    await page.goto(`${appUrl}/#token=${ren.token}`);
    await page.getByText('Not photographed yet', { exact: false }).waitFor();
    const rotated = await api(`/participants/${ren.visitorId}/token`, {
      method: 'POST',
      token: operatorToken,
    });
    expect(rotated.status).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: 'Signed out: a newer link replaced this one' }).waitFor();
    await page.getByText('Open the newest link you were given.', { exact: false }).waitFor();
    await expectAccessibleInBothLanguages(page);
    await screenshot(page, 'participant-token-rotated-en');

    // The newest link works on the same phone.
    const { participantToken } = (await rotated.json()) as { participantToken: string };
    await page.getByRole('button', { name: 'Start again' }).click();
    await page.goto(`${appUrl}/#token=${participantToken}`);
    await page.getByText('Not photographed yet', { exact: false }).waitFor();
    await context.close();
  });

  it('when the organisers withdrew the token, then the app says so and to ask at the reception desk', async () => {
    const sora = await participant('Sora Kato');
    const { context, page } = await phone('ja');
    await page.goto(`${appUrl}/#token=${sora.token}`);
    await page.getByText('まだ撮影されていません', { exact: false }).waitFor();
    const revoked = await api(`/participants/${sora.visitorId}/token`, {
      method: 'DELETE',
      token: operatorToken,
    });
    expect(revoked.ok).toBe(true);
    // Live: the next call the open app makes is refused; no reload needed.
    await page.getByRole('button', { name: '設定' }).click();
    await page
      .getByRole('heading', { name: 'サインアウトしました：主催者が参加証を取り消しました' })
      .waitFor();
    await page.getByText('受付で新しいリンクか QR コードをもらってください。', { exact: false }).waitFor();
    await expectAccessibleInBothLanguages(page);
    await screenshot(page, 'participant-token-revoked-ja');
    await context.close();
  });
});
