import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyJpeg } from '@photo/shared/testing/images';
import {
  launchBrowser,
  logIn,
  screenshot,
  seriousAxeViolations,
  startAppsSystem,
  type AppsSystem,
} from './browser';
import { writeQrVideo } from './fake-camera';
import { staff } from './staff-app.driver';

/** The narrowest phone the app is made for, held upright. */
const NARROW_PHONE = { width: 360, height: 740 } as const;

interface Participant {
  visitorId: string;
  name: string;
  qr: string;
  token: string;
  photoImageId: string;
  video: string;
}

let apps: AppsSystem;
let appUrl: string;
let operatorToken: string;
let staffToken: string;
let videoDir: string;
const browsers: Browser[] = [];

async function api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  return fetch(`${apps.system.urls.backend}${path}`, { ...init, headers });
}

/** A participant created through the API, and a fake-camera video of the QR payload the API gives for them. */
async function participant(name: string): Promise<Participant> {
  const res = await api('/participants', {
    method: 'POST',
    token: operatorToken,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: name }),
  });
  expect(res.status).toBe(201);
  const created = (await res.json()) as {
    participant: { visitorId: string; photoImageId: string };
    participantToken: string;
  };
  const { visitorId, photoImageId } = created.participant;
  const qr = (
    (await (await api(`/participants/${visitorId}/qr`, { token: operatorToken })).json()) as {
      qrPayload: string;
    }
  ).qrPayload;
  const video = join(videoDir, `${visitorId}.y4m`);
  await writeQrVideo(video, qr);
  return { visitorId, name, qr, token: created.participantToken, photoImageId, video };
}

async function photoVersion(p: Participant): Promise<number> {
  const body = (await (await api(`/participants/${p.visitorId}`, { token: operatorToken })).json()) as {
    status: { photoVersion: number };
  };
  return body.status.photoVersion;
}

/** The stored originals of the participant's photo, one per version. */
async function originals(
  p: Participant,
): Promise<{ version: number; width: number; height: number; contentType: string }[]> {
  const body = (await (await api(`/images/${p.photoImageId}`, { token: operatorToken })).json()) as {
    variants: { version: number; variant: string; width: number; height: number; contentType: string }[];
  };
  return body.variants
    .filter((v) => v.variant === 'original')
    .sort((a, b) => a.version - b.version)
    .map(({ version, width, height, contentType }) => ({ version, width, height, contentType }));
}

/** A browser whose camera shows the participant's QR code, and a logged-in phone-size page in it. */
async function staffPhone(
  p: Participant,
  lang: 'en' | 'ja' = 'en',
): Promise<{ context: BrowserContext; page: Page }> {
  const browser = await launchBrowser({ fakeVideo: p.video });
  browsers.push(browser);
  return phoneIn(browser, lang);
}

async function phoneIn(
  browser: Browser,
  lang: 'en' | 'ja',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: NARROW_PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: lang === 'ja' ? 'ja-JP' : 'en-US',
    permissions: ['camera'],
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await logIn(page, apps, appUrl, 'staff');
  await page
    .getByRole('heading', { name: lang === 'ja' ? '参加者のQRを読み取る' : 'Scan a participant' })
    .waitFor();
  return { context, page };
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** The <img>'s natural size once it has loaded (0×0 while it has not, or when it failed). */
async function loadedSize(page: Page, name: string | RegExp): Promise<{ width: number; height: number }> {
  const img = page.getByRole('img', { name });
  await img.waitFor();
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0))
    .toBe(true);
  return img.evaluate((el: HTMLImageElement) => ({ width: el.naturalWidth, height: el.naturalHeight }));
}

beforeAll(async () => {
  videoDir = await mkdtemp(join(tmpdir(), 'staff-camera-'));
  apps = await startAppsSystem();
  appUrl = apps.appUrl('staff-app');
  const audience = apps.system.audience;
  operatorToken = await apps.system.idp.accessToken({ role: 'operator', subject: 'test|operator', audience });
  staffToken = await apps.system.idp.accessToken({ role: 'staff', subject: 'test|staff', audience });
}, 240_000);

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await apps?.stop();
  if (videoDir) await rm(videoDir, { recursive: true, force: true });
});

// A browser per camera video and a real system: slower than the 30 s default on a loaded machine.
describe('the staff app in Chromium with a fake camera', { timeout: 90_000 }, () => {
  let hanako: Participant;
  let page: Page;

  it('when a participant’s QR code is in front of the camera, then the app reads it and the accepted shot becomes version 1', async () => {
    hanako = await participant('Hanako Yamada');
    ({ page } = await staffPhone(hanako, 'en'));

    await staff.waitForCard(page, hanako.name);
    await page.getByText('OK — not photographed yet').waitFor();
    await expectNoSeriousViolations(page);
    await screenshot(page, 'staff-card-new-en');

    await page.getByRole('button', { name: 'Take photo' }).click();
    await page.getByRole('heading', { name: `Photo of ${hanako.name}` }).waitFor();
    await screenshot(page, 'staff-capture-en');
    await staff.takePhoto(page);
    await expectNoSeriousViolations(page);
    await screenshot(page, 'staff-review-en');

    await staff.accept(page);
    await staff.waitForSaved(page, hanako.name, 1);
    await page.getByText('1 handled').waitFor();
    await screenshot(page, 'staff-saved-en');

    expect(await photoVersion(hanako)).toBe(1);
    // The stored photo is a frame of the fake camera (640×480), as a JPEG.
    expect(await originals(hanako)).toEqual([
      { version: 1, width: 640, height: 480, contentType: 'image/jpeg' },
    ]);
  });

  it('when the participant looks at their app, then their update feed has the new photo', async () => {
    await expect
      .poll(
        async () => {
          const res = await api('/me/updates', { token: hanako.token });
          const body = (await res.json()) as { updates: { imageId: string; version: number }[] };
          return body.updates.filter((u) => u.imageId === hanako.photoImageId).map((u) => u.version);
        },
        { timeout: 15_000 },
      )
      .toContain(1);
  });

  it('when the same participant is scanned again, then the card shows their photo and asks before the overwrite that makes version 2', async () => {
    await staff.nextParticipant(page);
    await staff.waitForCard(page, hanako.name);
    await page.getByText('Already photographed — check the face').waitFor();
    expect(await loadedSize(page, `Current photo of ${hanako.name}`)).toEqual({ width: 640, height: 480 });
    expect(await page.getByRole('button', { name: 'Take photo' }).count()).toBe(0);
    await expectNoSeriousViolations(page);
    await screenshot(page, 'staff-card-photographed-en');

    await page.getByRole('button', { name: 'Overwrite photo' }).click();
    await page.getByText('Replace version 1 with a new photo?').waitFor();
    await page.getByRole('button', { name: 'Yes, take a new photo' }).click();
    await staff.takePhoto(page);
    await staff.accept(page);
    await staff.waitForSaved(page, hanako.name, 2);
    // One participant, photographed twice: still one handled.
    await page.getByText('1 handled').waitFor();
    expect(await photoVersion(hanako)).toBe(2);
  });

  it('when someone else photographs the participant between the confirmation and the upload, then the conflict screen shows the new photo and asks again', async () => {
    const taro = await participant('Taro Suzuki');
    const upload = async (expectedVersion: number, seed: number) =>
      api(`/participants/${taro.visitorId}/photo?expectedVersion=${expectedVersion}`, {
        method: 'PUT',
        token: staffToken,
        headers: { 'content-type': 'image/jpeg' },
        body: new Uint8Array(await noisyJpeg(320, 240, seed)),
      });
    expect((await upload(0, 1)).status).toBe(201);

    const { page: phone } = await staffPhone(taro, 'en');
    await staff.waitForCard(phone, taro.name);
    await phone.getByRole('button', { name: 'Overwrite photo' }).click();
    await phone.getByRole('button', { name: 'Yes, take a new photo' }).click();
    await staff.takePhoto(phone);
    // Meanwhile, at another counter: version 2.
    expect((await upload(1, 2)).status).toBe(201);
    await staff.accept(phone);

    await phone.getByRole('heading', { name: `Someone else photographed ${taro.name}` }).waitFor();
    await phone.getByText('While your photo waited, version 2 was saved.', { exact: false }).waitFor();
    expect(await loadedSize(phone, `Version 2 of ${taro.name}, saved meanwhile`)).toEqual({
      width: 320,
      height: 240,
    });
    await expectNoSeriousViolations(phone);
    await screenshot(phone, 'staff-conflict-en');
    expect(await photoVersion(taro)).toBe(2);

    await phone.getByRole('button', { name: 'Replace it with my photo' }).click();
    await staff.waitForSaved(phone, taro.name, 3);
    expect((await originals(taro)).map((o) => [o.version, o.width])).toEqual([
      [1, 320],
      [2, 320],
      [3, 640],
    ]);
  });

  it('when the network is gone between capture and upload, then the shot waits in the outbox, survives a reload, and lands once with its key', async () => {
    const yuki = await participant('Yuki Tanaka');
    const { context, page: phone } = await staffPhone(yuki, 'en');
    const keys: string[] = [];
    let offline = false;
    let reachedServer = 0;
    await context.route(`${apps.system.urls.backend}/participants/*/photo**`, async (route) => {
      const request = route.request();
      if (request.method() !== 'PUT') return route.fallback();
      keys.push((await request.allHeaders())['idempotency-key'] ?? '');
      if (offline) return route.abort('internetdisconnected');
      // The first attempt that reaches the server is stored there, but its answer is lost on the way back.
      if (++reachedServer === 1) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.fallback();
    });

    // A phone that has opened the app before: its service worker controls the page and holds the shell and config.
    await phone.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await phone.reload();
    await expect.poll(() => phone.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await staff.waitForCard(phone, yuki.name);
    await phone.getByRole('button', { name: 'Take photo' }).click();
    await staff.takePhoto(phone);
    offline = true;
    await context.setOffline(true);
    await staff.accept(phone);
    await phone.getByText('Saved on this phone.', { exact: false }).waitFor();
    await phone.getByRole('button', { name: 'Outbox 1' }).click();
    await phone.getByText('Waiting', { exact: true }).waitFor();
    await expectNoSeriousViolations(phone);
    await screenshot(phone, 'staff-outbox-waiting-en');

    // Reloaded while still offline: the shell comes from the service worker, the shot from IndexedDB.
    await phone.reload();
    await phone.getByRole('heading', { name: 'Outbox' }).waitFor();
    await phone.getByText(yuki.name).waitFor();
    expect(await photoVersion(yuki)).toBe(0);

    offline = false;
    await context.setOffline(false);
    await phone.getByText('Uploaded (version 1)').waitFor({ timeout: 20_000 });
    expect(await photoVersion(yuki)).toBe(1);
    expect((await originals(yuki)).map((o) => o.version)).toEqual([1]);
    // Offline attempts, the one whose answer was lost, and the retry the server answered from its record of the key.
    expect(reachedServer).toBeGreaterThanOrEqual(2);
    expect(keys.length).toBeGreaterThan(reachedServer);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[A-Za-z0-9._:-]{8,100}$/);
  });

  it('when the staff works in Japanese, then the card and the review read in Japanese with no serious axe violation', async () => {
    const { page: phone } = await phoneIn(browsers[0]!, 'ja');
    await staff.waitForCard(phone, hanako.name);
    await phone.getByText('撮影済み — 顔を確認してください').waitFor();
    await loadedSize(phone, `${hanako.name} さんの現在の写真`);
    await expectNoSeriousViolations(phone);
    await screenshot(phone, 'staff-card-photographed-ja');
    await phone.getByRole('button', { name: '写真を撮り直す(上書き)' }).click();
    await phone.getByRole('button', { name: 'はい、撮り直す' }).click();
    await phone.getByRole('button', { name: '撮影', exact: true }).click();
    await phone.getByRole('button', { name: 'この写真を使う' }).waitFor();
    await expectNoSeriousViolations(phone);
    await screenshot(phone, 'staff-review-ja');
  });

  it('when no code is in view, then the login, the scanner and the outbox have no serious axe violation in either language, and a forged code says what to do', async () => {
    // Chromium's own fake camera (no QR code in it): the scanner stays on its screen.
    const browser = await launchBrowser();
    browsers.push(browser);
    for (const lang of ['en', 'ja'] as const) {
      const context = await browser.newContext({
        viewport: NARROW_PHONE,
        locale: lang === 'ja' ? 'ja-JP' : 'en-US',
      });
      const login = await context.newPage();
      await login.goto(appUrl);
      await login.getByRole('button', { name: lang === 'ja' ? 'ログイン' : 'Log in', exact: true }).waitFor();
      await expectNoSeriousViolations(login);
      await context.close();
    }
    const { page: english } = await phoneIn(browser, 'en');
    await expectNoSeriousViolations(english);
    await screenshot(english, 'staff-scan-en');

    const { page: phone } = await phoneIn(browser, 'ja');
    await expectNoSeriousViolations(phone);
    await screenshot(phone, 'staff-scan-ja');

    // A forged code, typed by hand: the answer says so, and what to do.
    await phone.getByText('コードを手入力する').click();
    await phone
      .getByLabel('参加者コード(PQR1. で始まる)')
      .fill('PQR1.v_0000000000aaaaaaaaaa.9999999999.forged');
    await phone.getByRole('button', { name: '確認' }).click();
    await phone.getByText('このイベントのコードではありません').waitFor();
    await phone.getByText('受付', { exact: false }).first().waitFor();
    await expectNoSeriousViolations(phone);
    await screenshot(phone, 'staff-forged-code-ja');

    await phone.getByRole('button', { name: /送信待ち/ }).click();
    await phone.getByRole('heading', { name: '送信待ち' }).waitFor();
    await expectNoSeriousViolations(phone);
    await screenshot(phone, 'staff-outbox-ja');
  });
});
