import type { Browser, Page } from 'playwright-core';
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

/**
 * The console when its login runs out mid-work, against the real embedded system. Access tokens live 5 s here, so
 * auth0-spa-js renews one (refresh token, rotated) before nearly every call.
 */

const DESKTOP = { width: 1280, height: 900 } as const;
let apps: AppsSystem;
let browser: Browser;
let appUrl: string;
let operatorToken: string;

async function eventImages(): Promise<string[]> {
  const res = await fetch(`${apps.system.urls.backend}/images?kind=event&limit=100`, {
    headers: { authorization: `Bearer ${operatorToken}` },
  });
  return ((await res.json()) as { items: { imageId: string }[] }).items.map((i) => i.imageId);
}

async function consolePage(): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await logIn(page, apps, appUrl, 'operator');
  await page.getByRole('heading', { name: 'Participants', level: 2 }).waitFor();
  return page;
}

const refreshes = (page: Page): { count: number } => {
  const seen = { count: 0 };
  page.on('request', (r) => {
    if (r.url().endsWith('/oauth/token') && r.postData()?.includes('grant_type=refresh_token'))
      seen.count += 1;
  });
  return seen;
};

beforeAll(async () => {
  apps = await startAppsSystem({ IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '5' });
  appUrl = apps.appUrl('operator-console');
  operatorToken = await apps.system.idp.accessToken({
    role: 'operator',
    subject: 'test|operator',
    audience: apps.system.audience,
  });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await apps?.stop();
});

describe('the console when its login runs out, in Chromium', { timeout: 120_000 }, () => {
  it('when the access token expires mid-work, then it is renewed silently and the work goes on', async () => {
    const page = await consolePage();
    const seen = refreshes(page);
    await page.waitForTimeout(6000);
    const create = page.getByRole('region', { name: 'Add a participant' });
    await create.getByLabel('Name').fill('Renewed Ren');
    await create.getByRole('button', { name: 'Add' }).click();
    await page.getByText('Renewed Ren was added.').waitFor();
    expect(seen.count).toBeGreaterThan(0);
    expect(await page.getByText('Your session has ended').count()).toBe(0);
    await page.context().close();
  });

  it('when the refresh token is revoked, then the operator logs in again and keeps what was typed and queued, each upload stored once', async () => {
    const page = await consolePage();
    const before = await eventImages();
    const create = page.getByRole('region', { name: 'Add a participant' });
    await create.getByLabel('Name').fill('Hanako 花子');
    await create.getByLabel('E-mail (optional)').fill('hanako@example.org');

    await page.getByRole('navigation').getByRole('link', { name: 'Event images' }).click();
    await page.getByRole('heading', { name: 'Event images', level: 2 }).waitFor();
    // The first upload reaches the server and is stored, but its answer never comes back to the browser.
    let dropped = 0;
    await page.route('**/images', async (route) => {
      if (route.request().method() !== 'POST' || dropped > 0) return route.continue();
      dropped += 1;
      await route.fetch();
      await route.abort('connectionreset');
    });
    const files = page.locator('.dropzone input[type="file"]');
    const jpeg = async (seed: number) => ({
      name: `stage-${seed}.jpg`,
      mimeType: 'image/jpeg',
      buffer: await noisyJpeg(320, 240, seed),
    });
    await files.setInputFiles(await jpeg(1));
    const uploads = page.getByRole('list', { name: 'Uploads' });
    await uploads.getByRole('button', { name: 'Retry stage-1.jpg' }).waitFor();
    expect((await eventImages()).length).toBe(before.length + 1);

    // Elsewhere the operator's login ends (logged out at the identity provider: its refresh tokens are revoked).
    const config = (await (await fetch(new URL('config.json', appUrl))).json()) as {
      auth: { clientId: string };
    };
    const other = await page.context().newPage();
    await other.goto(`${apps.system.urls.identity}/v2/logout?client_id=${config.auth.clientId}`);
    await other.close();
    await page.getByText('Your session has ended').waitFor();
    await files.setInputFiles(await jpeg(2));
    await uploads.getByRole('button', { name: 'Retry stage-2.jpg' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'console-session-ended-en');
    // In Japanese too; switching the language keeps the queue as it is.
    const language = page.getByRole('combobox', { name: /言語|Language/ });
    await language.selectOption('ja');
    await page.getByText(/^ログインの有効期限が切れました。続けるには/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await language.selectOption('en');
    await uploads.getByRole('button', { name: 'Retry stage-2.jpg' }).waitFor();

    await page
      .getByRole('alert')
      .filter({ hasText: 'Your session has ended' })
      .getByRole('button', { name: 'Log in' })
      .click();
    await page.waitForURL((url) => url.href.startsWith(apps.system.urls.identity));
    await page.locator('input[name="user"][value="operator"]').check();
    await page.locator('#passcode').fill(apps.system.idp.passcode('operator'));
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL(
      (url) => url.href.startsWith(appUrl) && url.hash === '#images' && !url.search.includes('code='),
    );

    // Both files are resumed under their keys: the one the server had is answered from it, not stored again.
    await uploads.getByText('stage-1.jpg').waitFor();
    await uploads.getByText('stage-2.jpg').waitFor();
    await expect.poll(async () => uploads.getByText('Uploaded').count(), { timeout: 20_000 }).toBe(2);
    const after = await eventImages();
    expect(after.length).toBe(before.length + 2);

    await page.getByRole('navigation').getByRole('link', { name: 'Participants' }).click();
    const restored = page.getByRole('region', { name: 'Add a participant' });
    await expect.poll(() => restored.getByLabel('Name').inputValue()).toBe('Hanako 花子');
    expect(await restored.getByLabel('E-mail (optional)').inputValue()).toBe('hanako@example.org');
    await restored.getByRole('button', { name: 'Add' }).click();
    await page.getByText('Hanako 花子 was added.').waitFor();
    expect(await restored.getByLabel('Name').inputValue()).toBe('');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.context().close();
  });
});
