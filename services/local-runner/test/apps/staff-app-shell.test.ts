import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  logIn,
  phoneContext,
  screenshot,
  seriousAxeViolations,
  startAppsSystem,
  type AppsSystem,
} from './browser';

let apps: AppsSystem;
let browser: Browser;
let appUrl: string;

beforeAll(async () => {
  apps = await startAppsSystem();
  appUrl = apps.appUrl('staff-app');
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await apps?.stop();
});

describe('the staff app shell in a real browser', () => {
  it('when staff log in through the login page, then the shell shows in Japanese and English with no serious axe violation', async () => {
    const context = await phoneContext(browser, 'ja');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    await page.goto(appUrl);
    await expect.poll(() => page.getByRole('button', { name: 'ログイン' }).isVisible()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-login-ja');

    await logIn(page, apps, appUrl, 'staff');
    // The shell of a logged-in session (the screens inside are the app's own).
    await page.getByRole('button', { name: 'ログアウト' }).waitFor();
    expect(await page.getByRole('button', { name: 'ログイン' }).count()).toBe(0);
    expect(await page.getByText('必要な権限がありません').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('combobox').selectOption('en');
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-ready-en');

    // The choice and the session both survive a reload (refresh token in localStorage).
    await page.reload();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    await context.close();
  }, 90_000);

  it('when someone without the staff permission logs in, then they are told the account lacks it', async () => {
    const context = await phoneContext(browser, 'en');
    const page = await context.newPage();
    await logIn(page, apps, appUrl, 'guest');
    await page.getByText('lacks the permission this app needs').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-lacking-permission-en');
    await context.close();
  }, 90_000);

  it('when the service worker has installed, then a reload offline still shows the shell', async () => {
    const context = await phoneContext(browser, 'en');
    const page = await context.newPage();
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toMatch(
      /\/sw\.js$/,
    );
    // A second visit, now under the worker, keeps the last config.json for offline use.
    await page.reload();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Event Photo Staff');
    await context.close();
  }, 90_000);
});
