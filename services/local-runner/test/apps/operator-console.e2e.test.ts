import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { blocksPng, noisyJpeg } from '@photo/shared/testing/images';
import {
  launchBrowser,
  logIn,
  phoneContext,
  screenshot,
  seriousAxeViolations,
  startAppsSystem,
  type AppsSystem,
} from './browser';

/** A desktop, where operators mostly work. */
const DESKTOP = { width: 1280, height: 900 } as const;

let apps: AppsSystem;
let browser: Browser;
let appUrl: string;
let operatorToken: string;
let staffToken: string;

/** Reads a QR code from an image with zxing-wasm and the staff app's settings (QR only, one symbol, try harder). */
async function decodeQr(png: Buffer): Promise<string | null> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
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

async function api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${init.token ?? operatorToken}`);
  return fetch(`${apps.system.urls.backend}${path}`, { ...init, headers });
}

interface Listed {
  visitorId: string;
  displayName: string;
  externalRef: string | null;
}

async function listed(query = ''): Promise<Listed[]> {
  const res = await api(`/participants?limit=200${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Listed[] }).items;
}

function desktopContext(lang: 'ja' | 'en'): Promise<BrowserContext> {
  return browser.newContext({
    viewport: DESKTOP,
    locale: lang === 'ja' ? 'ja-JP' : 'en-US',
    acceptDownloads: true,
  });
}

async function operatorPage(lang: 'ja' | 'en', phone = false): Promise<Page> {
  const context = phone ? await phoneContext(browser, lang) : await desktopContext(lang);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await logIn(page, apps, appUrl, 'operator');
  await page.getByRole('heading', { name: lang === 'ja' ? '参加者' : 'Participants', level: 2 }).waitFor();
  return page;
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** Drops a file onto the import box's file input, as choosing it in the dialog does. */
async function chooseImport(page: Page, name: string, text: string): Promise<void> {
  const input = page.locator('.dropzone input[type="file"]');
  await input.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

beforeAll(async () => {
  apps = await startAppsSystem();
  appUrl = apps.appUrl('operator-console');
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

describe('the operator console in Chromium', { timeout: 120_000 }, () => {
  it('when an operator logs in, then the console shows its sections in Japanese and English with no serious axe violation', async () => {
    const context = await phoneContext(browser, 'ja');
    const page = await context.newPage();
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'ログイン' }).waitFor();
    await expectNoSeriousViolations(page);
    await screenshot(page, 'console-login-ja');

    await logIn(page, apps, appUrl, 'operator');
    const nav = page.getByRole('navigation', { name: 'メニュー' });
    await nav.getByRole('link', { name: '参加者' }).waitFor();
    await nav.getByRole('link', { name: 'QR バッジ' }).waitFor();
    await page.getByText('参加者 0 人').waitFor();
    await expectNoSeriousViolations(page);

    await page.getByRole('combobox', { name: /言語|Language/ }).selectOption('en');
    await page.getByRole('heading', { name: 'Participants', level: 2 }).waitFor();
    await expectNoSeriousViolations(page);

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await context.close();
  });

  it('when staff or an account without permissions logs in, then the console says it is not for them and shows nothing else', async () => {
    for (const user of ['staff', 'guest']) {
      const context = await desktopContext('en');
      const page = await context.newPage();
      await logIn(page, apps, appUrl, user);
      await page.getByText('lacks the permission this app needs').waitFor();
      expect(await page.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);
      await expectNoSeriousViolations(page);
      if (user === 'staff') await screenshot(page, 'console-staff-refused-en');
      await context.close();
    }
  });

  it('when a CSV with one bad row is chosen, then the preview names the row and the reason and nothing is stored; fixed, all are stored; again, all are reported existing', async () => {
    const page = await operatorPage('en');
    const bad =
      'displayName,email,externalRef\nAoi Tanaka,aoi@example.com,T-001\nRen Kato,ren-at-example,T-002\nYui Abe,,T-003\n';
    await chooseImport(page, 'guests.csv', bad);
    const alert = page.locator('.import-result[role="alert"]');
    await alert.getByText('guests.csv has problems (1).').waitFor();
    await alert.getByText('Row 2:').waitFor();
    expect(await alert.textContent()).toMatch(/Row 2:\s*email/);
    await alert.getByText('Nothing was stored.').waitFor();
    await expectNoSeriousViolations(page);
    await page.getByRole('heading', { name: 'Import a CSV or JSON file' }).scrollIntoViewIfNeeded();
    await page.evaluate(() => scrollBy(0, 200));
    await screenshot(page, 'console-import-invalid-en');
    expect(await listed()).toEqual([]);

    const fixed = bad.replace('ren-at-example', 'ren@example.com');
    await chooseImport(page, 'guests.csv', fixed);
    await page.getByText('guests.csv: all 3 rows are valid').waitFor();
    expect(await page.getByRole('region', { name: 'Rows to import' }).getByRole('row').count()).toBe(4);
    expect(await listed()).toEqual([]);
    await expectNoSeriousViolations(page);
    await page.getByRole('button', { name: 'Import 3 participants' }).click();
    await page.getByText('Imported: 3 added, 0 already there.').waitFor();
    expect((await listed()).map((p) => p.externalRef).sort()).toEqual(['T-001', 'T-002', 'T-003']);
    await page.getByText('3 participants', { exact: true }).waitFor();

    await chooseImport(page, 'guests.csv', fixed);
    await page.getByRole('button', { name: 'Import 3 participants' }).click();
    await page.getByText('Imported: 0 added, 3 already there.').waitFor();
    await page.getByText('Already there: Aoi Tanaka, Ren Kato, Yui Abe').waitFor();
    expect(await listed()).toHaveLength(3);
    await screenshot(page, 'console-import-rerun-en');
    await page.context().close();
  });

  it('when the operator searches, filters and adds one, then the list follows, and the export has every matching row', async () => {
    const page = await operatorPage('ja');
    await page.getByLabel('名前', { exact: true }).fill('佐藤 花子');
    await page.getByLabel('参照番号（チケット番号など、任意）').fill('T-004');
    await page.getByRole('button', { name: '追加' }).click();
    await page.getByText('佐藤 花子 さんを追加しました。').waitFor();
    await page.getByText('参加者 4 人').waitFor();

    // One of them photographed, through the API as the staff app would.
    const [aoi] = await listed('&q=T-001');
    const photo = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    const put = await api(`/participants/${aoi!.visitorId}/photo`, {
      method: 'PUT',
      token: staffToken,
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array(photo),
    });
    expect(put.status).toBe(201);

    const table = page.getByRole('region', { name: '参加者一覧' });
    await page.getByRole('combobox', { name: '撮影' }).selectOption('yes');
    await page.getByText('参加者 1 人').waitFor();
    expect(await table.getByRole('cell', { name: 'Aoi Tanaka', exact: true }).count()).toBe(1);
    await page.getByRole('combobox', { name: '撮影' }).selectOption('no');
    await page.getByLabel('検索').fill('t-00');
    await page.getByText('参加者 3 人').waitFor();
    await page.getByLabel('並び順').selectOption('oldest');
    // Imported together, Ren and Yui may share a creation time: the API's order is the truth, 佐藤 花子 came last.
    const oldestFirst = (await listed('&q=t-00&photographed=false&order=oldest')).map((p) => p.displayName);
    expect(oldestFirst.at(-1)).toBe('佐藤 花子');
    await expect.poll(() => table.locator('tbody tr td:first-child').allTextContents()).toEqual(oldestFirst);
    await expectNoSeriousViolations(page);
    await screenshot(page, 'console-participants-ja');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV を書き出す' }).click();
    const csv = await readFile((await (await download).path())!, 'utf8');
    const rows = parseCsv(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.displayName)).toEqual(oldestFirst);
    expect(rows.map((r) => [r.externalRef, r.status]).sort()).toEqual([
      ['T-002', 'not-photographed'],
      ['T-003', 'not-photographed'],
      ['T-004', 'not-photographed'],
    ]);
    await page.context().close();
  });

  it('when the badge sheet is printed, then each QR code read back from the screen checks in the participant named beside it', async () => {
    const page = await operatorPage('en');
    await page.getByRole('link', { name: 'QR badges' }).click();
    await page.getByText('Badges of all 4 participants.').waitFor();
    await page.getByLabel('Badges per page').selectOption('4');
    await page.getByLabel('Paper').selectOption('a4');
    const badges = page.locator('.badge');
    await expect.poll(() => badges.count()).toBe(4);
    expect(await page.locator('.sheet-page').count()).toBe(1);
    await expectNoSeriousViolations(page);
    await screenshot(page, 'console-badges-en');

    for (const badge of await badges.all()) {
      const name = await badge.locator('.badge-name').textContent();
      const qr = await decodeQr(await badge.getByRole('img').screenshot());
      expect(qr).not.toBeNull();
      const res = await api('/checkin', {
        method: 'POST',
        token: staffToken,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ qr }),
      });
      expect(res.status).toBe(200);
      const checkin = (await res.json()) as { participant: { visitorId: string; displayName: string } };
      expect(checkin.participant.displayName).toBe(name);
      expect(checkin.participant.visitorId).toBe(await badge.getAttribute('data-visitor-id'));
    }

    // Letter paper, 12 a page: still one page, of Letter's proportions; print media hides all but the sheet.
    await page.getByLabel('Paper').selectOption('letter');
    await page.getByLabel('Badges per page').selectOption('12');
    const sheet = page.locator('.sheet-page').first();
    await expect.poll(() => sheet.evaluate((el) => el.classList.contains('grid-3x4'))).toBe(true);
    const box = (await sheet.boundingBox())!;
    expect(box.height / box.width).toBeCloseTo(279.4 / 215.9, 2);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await badges.first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.context().close();
  });

  it('when one participant’s badge is asked for from the list, then the sheet holds that badge alone, on a phone too', async () => {
    const page = await operatorPage('ja', true);
    const table = page.getByRole('region', { name: '参加者一覧' });
    await table.getByRole('link', { name: 'Yui Abe さんのバッジを印刷' }).click();
    await page.getByText('Yui Abe さんのバッジ。').waitFor();
    await expect.poll(() => page.locator('.badge').count()).toBe(1);
    await expectNoSeriousViolations(page);
    await screenshot(page, 'console-badge-one-ja');
    await page.context().close();
  });

  it('when three images are dropped, one of them corrupt, then two reach clustered on screen without a reload, the corrupt one shows the server’s reason, and the swatches are the API’s palette', async () => {
    const page = await operatorPage('en');
    await page.getByRole('link', { name: 'Event images' }).click();
    await page.getByRole('heading', { name: 'Event images', level: 2 }).waitFor();
    await page.locator('.dropzone input[type="file"]').setInputFiles([
      {
        name: 'stage.png',
        mimeType: 'image/png',
        buffer: await blocksPng(240, 160, [
          [200, 30, 30],
          [20, 60, 200],
          [240, 220, 40],
        ]),
      },
      { name: 'crowd.jpg', mimeType: 'image/jpeg', buffer: await noisyJpeg(200, 150, 7) },
      { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a jpeg at all, just text') },
    ]);
    const uploads = page.getByRole('list', { name: 'Uploads' });
    await uploads.getByText('The file is not a readable image').waitFor();
    // Sending the same broken bytes again cannot help: no retry is offered for it.
    expect(await uploads.getByRole('button', { name: 'Retry broken.jpg' }).count()).toBe(0);
    await expect.poll(() => uploads.getByText('Uploaded', { exact: true }).count()).toBe(2);
    const table = page.getByRole('region', { name: 'Event images' });
    await expect
      .poll(() => table.locator('.pill').getByText('Clustered', { exact: true }).count(), { timeout: 60_000 })
      .toBe(2);
    await expectNoSeriousViolations(page);

    const res = await api('/images?kind=event');
    const { items } = (await res.json()) as { items: { imageId: string }[] };
    expect(items).toHaveLength(2);
    const stage = items.at(-1)!;
    await page.getByRole('button', { name: `Show the palette of ${stage.imageId}` }).click();
    const swatches = page.getByRole('list', { name: 'Palette colours' });
    await swatches.waitFor();
    const detail = (await (await api(`/images/${stage.imageId}`)).json()) as {
      palette: { colours: { hex: string }[] };
    };
    expect(await swatches.locator('.swatch-hex').allTextContents()).toEqual(
      detail.palette.colours.map((c) => c.hex),
    );
    await screenshot(page, 'console-images-en');

    await page.getByRole('button', { name: 'Start a generation from this palette' }).click();
    await page.getByText('Generation started.').waitFor();
    await expect
      .poll(() => page.locator(`tr[data-image-id="${stage.imageId}"] .pill`).textContent(), {
        timeout: 60_000,
      })
      .toMatch(/Generating…|Generated/);
    await page.context().close();
  });

  it('when an upload’s answer is lost and the operator retries, then the image is stored once, under the key kept for that file', async () => {
    const page = await operatorPage('ja');
    await page.getByRole('link', { name: 'イベント画像' }).click();
    let lost = false;
    // The server stores the first attempt, but its answer never reaches the page.
    await page.route(`${apps.system.urls.backend}/images`, async (route) => {
      if (route.request().method() !== 'POST' || lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    const before = ((await (await api('/images?kind=event')).json()) as { items: unknown[] }).items.length;
    await page
      .locator('.dropzone input[type="file"]')
      .setInputFiles([{ name: 'again.jpg', mimeType: 'image/jpeg', buffer: await noisyJpeg(120, 90, 11) }]);
    const uploads = page.getByRole('list', { name: 'アップロード' });
    await uploads.getByText('サーバーに接続できませんでした', { exact: false }).waitFor();
    await expectNoSeriousViolations(page);
    await screenshot(page, 'console-upload-retry-ja');
    await page.getByRole('button', { name: 'again.jpg を再送' }).click();
    await uploads.getByText('アップロード済み', { exact: true }).waitFor();
    const after = ((await (await api('/images?kind=event')).json()) as { items: unknown[] }).items.length;
    expect(after).toBe(before + 1);
    await page.context().close();
  });
});
