import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Automation of the colour chain and the live pipeline in the console, against the real embedded system. */

const DESKTOP = { width: 1280, height: 900 } as const;

let apps: AppsSystem;
let browser: Browser;
let consoleUrl: string;
let operatorToken: string;
let staffToken: string;

async function api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${init.token ?? operatorToken}`);
  return fetch(`${apps.system.urls.backend}${path}`, { ...init, headers });
}

async function operatorPage(lang: 'ja' | 'en'): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await logIn(page, apps, consoleUrl, 'operator');
  return page;
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
}

beforeAll(async () => {
  apps = await startAppsSystem();
  consoleUrl = apps.appUrl('operator-console');
  const audience = apps.system.audience;
  operatorToken = await apps.system.idp.accessToken({ role: 'operator', subject: 'test|operator', audience });
  staffToken = await apps.system.idp.accessToken({ role: 'staff', subject: 'test|staff', audience });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await apps?.stop();
});

describe('automation and the live pipeline in the console, in Chromium', { timeout: 240_000 }, () => {
  it('when automation is turned on and an event image is uploaded in the console, then it reaches clustered and then generated on screen over the live stream, with no reload and no polling', async () => {
    const page = await operatorPage('en');
    await page.getByRole('navigation').getByRole('link', { name: 'Automation', exact: true }).click();
    await page.getByRole('heading', { name: 'Automation of the colour chain', level: 2 }).waitFor();
    await page.getByText('Never saved: everything is off.').waitFor();
    await page
      .getByRole('checkbox', { name: 'Generate each event image automatically once it is clustered' })
      .check();
    await page.getByRole('radio', { name: 'From the newest event palettes' }).check();
    await page.getByRole('spinbutton', { name: 'How many of the newest palettes (1–8)' }).fill('2');
    await page.getByRole('button', { name: 'Save the automation' }).click();
    await page.getByText('Saved. Images clustered from now on follow these rules.').waitFor();
    expect(await (await api('/admin/automation')).json()).toMatchObject({
      autoGenerate: true,
      looks: { source: 'newest', newest: 2 },
    });
    await expectNoSeriousViolations(page);
    await screenshot(page, 'console-automation-en');

    const lists: string[] = [];
    let streams = 0;
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/images' && request.method() === 'GET') lists.push(request.url());
      if (url.pathname === '/pipeline/events') streams++;
    });
    await page.getByRole('navigation').getByRole('link', { name: 'Event images', exact: true }).click();
    await page.getByText('Live: changes arrive as they happen.').waitFor();
    await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
    const listsBefore = lists.length;
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
    ]);
    const row = page.locator('tr[data-image-id]');
    // The row's pill follows the latest state; its trail (the stream's history) shows every step on the way.
    await row.locator('.pill').getByText('Generated', { exact: true }).waitFor({ timeout: 90_000 });
    const trail = row.getByRole('list', { name: 'Steps so far' });
    expect(await trail.getByRole('listitem').allTextContents()).toEqual([
      'Uploaded',
      'Clustering…',
      'Clustered',
      'Generating…',
      'Generated',
    ]);
    // Over the stream: it stayed live, no reload, and the list was never asked for again while it ran.
    expect(await page.locator('[data-mode]').getAttribute('data-mode')).toBe('live');
    expect(lists.length).toBe(listsBefore);
    expect(streams).toBe(1);
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );

    const imageId = (await row.getAttribute('data-image-id'))!;
    const detail = (await (await api(`/images/${imageId}`)).json()) as {
      statusHistory: { status: string; reason: string | null }[];
    };
    expect(detail.statusHistory.filter((h) => h.status === 'generating')).toEqual([
      expect.objectContaining({ reason: 'automatic generation' }),
    ]);
    await page.getByRole('button', { name: `Show the palette of ${imageId}` }).click();
    for (const variant of ['clustered', 'generated']) {
      const img = page.locator(`img.preview[data-variant="${variant}"]`);
      await expect
        .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), {
          timeout: 20_000,
        })
        .toBe(true);
    }
    await expectNoSeriousViolations(page);
    await page.locator('.previews').scrollIntoViewIfNeeded();
    await screenshot(page, 'console-images-live-en');
    await page.context().close();
  });

  it('when staff upload a participant photo through the API, then a look reaches the participant’s phone with no operator action', async () => {
    const created = (await (
      await api('/participants', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'Sora Aoki' }),
      })
    ).json()) as { participant: { visitorId: string; photoImageId: string }; participantToken: string };
    const context = await phoneContext(browser, 'ja');
    const phone = await context.newPage();
    phone.setDefaultTimeout(30_000);
    await phone.goto(`${apps.appUrl('participant-app')}/#token=${created.participantToken}`);
    await phone.getByText('まだ撮影されていません', { exact: false }).waitFor();

    const put = await api(`/participants/${created.participant.visitorId}/photo`, {
      method: 'PUT',
      token: staffToken,
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array(await noisyJpeg(320, 240, 5)),
    });
    expect(put.status).toBe(201);

    // The look is an image of its own on the phone, beside the photo: nobody asked for it but the rule.
    const look = phone.locator(
      `figure[data-image-id]:not([data-image-id="${created.participant.photoImageId}"])`,
    );
    await expect
      .poll(
        () =>
          look
            .first()
            .locator('img')
            .evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)
            .catch(() => false),
        { timeout: 90_000 },
      )
      .toBe(true);
    expect(await look.first().getAttribute('data-variant')).toBe('processed');
    const history = (await (await api(`/images/${created.participant.photoImageId}`)).json()) as {
      statusHistory: { reason: string | null }[];
    };
    expect(history.statusHistory.filter((s) => s.reason?.startsWith('automatic look'))).toHaveLength(1);
    await context.close();
  });

  it('when the automation screen and the looks panel are shown in Japanese, then axe finds nothing serious and looks are made for chosen participants', async () => {
    const page = await operatorPage('ja');
    await page.getByRole('navigation').getByRole('link', { name: '自動化', exact: true }).click();
    await page.getByRole('heading', { name: '色処理の自動化', level: 2 }).waitFor();
    await page.getByRole('list', { name: 'イベントパレット（新しい順）' }).waitFor();
    await expectNoSeriousViolations(page);
    await screenshot(page, 'console-automation-ja');

    await page.getByRole('navigation').getByRole('link', { name: 'イベント画像', exact: true }).click();
    const panel = page.getByRole('region', { name: 'ルックを作る' });
    await panel.getByRole('checkbox', { name: 'Sora Aoki' }).check();
    await panel.getByRole('checkbox', { name: /^パレット 1 を選ぶ/ }).check();
    await panel.getByRole('button', { name: '1 人の参加者に 1 個のパレットでルックを作る' }).click();
    await panel.getByText('1 人のルックを依頼しました', { exact: false }).waitFor();
    await expectNoSeriousViolations(page);
    await screenshot(page, 'console-looks-ja');
    await page.context().close();
  });
});
