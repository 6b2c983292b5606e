import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageUploaded } from '@photo/shared/events/catalog';
import { publishEvent } from '@photo/shared/events/define-event';
import { SUBSCRIPTIONS } from '@photo/shared/events/topology';
import { newDeadLetter } from '@photo/shared/ports/contracts/dead-letter-repository.contract';
import { noisyJpeg } from '@photo/shared/testing/images';
import {
  launchBrowser,
  logIn,
  screenshot,
  seriousAxeViolations,
  startAppsSystem,
  type AppsSystem,
} from './browser';

/** The event's health in the console, against the real embedded system: a dead letter forced, seen, replayed. */

const DESKTOP = { width: 1280, height: 900 } as const;

let apps: AppsSystem;
let browser: Browser;
let appUrl: string;
let operatorToken: string;
let staffToken: string;

async function api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${init.token ?? operatorToken}`);
  return fetch(`${apps.system.urls.backend}${path}`, { ...init, headers });
}

async function operatorPage(lang: 'ja' | 'en'): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await logIn(page, apps, appUrl, 'operator');
  return { page, context };
}

async function open(page: Page, section: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: section, exact: true }).click();
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

async function waitingLetters(): Promise<{ id: string; topic: string }[]> {
  const res = await api('/admin/dead-letters?limit=200');
  const { items } = (await res.json()) as {
    items: { id: string; topic: string; replayedAt: string | null }[];
  };
  return items.filter((l) => l.replayedAt === null);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  apps = await startAppsSystem();
  appUrl = apps.appUrl('operator-console');
  const audience = apps.system.audience;
  operatorToken = await apps.system.idp.accessToken({ role: 'operator', subject: 'test|operator', audience });
  staffToken = await apps.system.idp.accessToken({ role: 'staff', subject: 'test|staff', audience });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await apps?.stop();
});

describe('the event health in the console, in Chromium', { timeout: 180_000 }, () => {
  it('when a pipeline message dies, then the dashboard and the dead letters show it, and a replay after the fix succeeds', async () => {
    const created = await api('/participants', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Aiko' }),
    });
    const { participant } = (await created.json()) as {
      participant: { visitorId: string; photoImageId: string };
    };
    const { page, context } = await operatorPage('en');
    await open(page, 'Dashboard');
    await page.getByRole('heading', { name: 'Event dashboard', level: 2 }).waitFor();
    await page.getByText('No participant has been photographed yet').waitFor();
    const deadLetters = page.locator('[data-stat="dead-letters"]');
    await expect.poll(() => deadLetters.textContent()).toMatch(/^0/);

    // A pipeline message about a photo not stored yet: its handlers refuse it as poison, and it is dead-lettered.
    await publishEvent(
      apps.system.adapters.publisher,
      imageUploaded,
      {
        imageId: participant.photoImageId,
        version: 1,
        kind: 'participant-photo',
        ownerVisitorId: participant.visitorId,
      },
      'acceptance-test',
    );
    const dead = await until(waitingLetters, (l) => l.length > 0);
    expect(dead.length).toBeGreaterThan(0);
    await expect
      .poll(() => deadLetters.textContent(), { timeout: 15_000 })
      .toMatch(new RegExp(`^${dead.length}`));
    await page.getByRole('link', { name: 'Open the dead letters' }).waitFor();
    await expectNoSeriousViolations(page);

    // The fix: the photo is stored now (its own pipeline runs), so the message that died can do its work.
    const photo = await api(`/participants/${participant.visitorId}/photo`, {
      method: 'PUT',
      token: staffToken,
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array(await noisyJpeg(320, 240, 7)),
    });
    expect(photo.status).toBe(201);
    await page.getByText('1 of 1').waitFor({ timeout: 15_000 });
    await page.getByRole('img', { name: /Bar chart/ }).waitFor();
    await screenshot(page, 'console-dashboard-en');

    await page.getByRole('link', { name: 'Open the dead letters' }).click();
    await page.getByRole('heading', { name: 'Dead letters', level: 2 }).waitFor();
    const row = page.locator(`[data-dead-letter="${dead[0]!.id}"]`);
    await row.getByText('image-uploaded').waitFor();
    await row.getByText('image.uploaded').waitFor();
    await row.getByText('Refused as poison').waitFor();
    await row.getByText(`does not exist`).waitFor();
    await expectNoSeriousViolations(page);
    await screenshot(page, 'console-dead-letters-en');

    await page.getByRole('checkbox', { name: 'Select every waiting letter' }).check();
    await page.getByRole('button', { name: `Replay selected (${dead.length})` }).click();
    for (const letter of dead) {
      const replayed = page.locator(`[data-dead-letter="${letter.id}"]`);
      await replayed.getByText('Published again').waitFor();
      await replayed.getByText(/^Replayed/).waitFor();
    }
    await screenshot(page, 'console-dead-letters-replayed-en');

    // Success: the replayed messages were handled this time, none died again, and the dashboard says so.
    await apps.system.bus?.drained(
      SUBSCRIPTIONS.map((sub) => sub.name),
      60_000,
    );
    const after = await until(waitingLetters, (l) => l.length === 0, 20_000);
    expect(after).toEqual([]);
    await open(page, 'Dashboard');
    await expect.poll(() => deadLetters.textContent(), { timeout: 15_000 }).toMatch(/^0/);
    await context.close();
  });

  it('when the operators and the audit log are opened, then they list the dev users and the replay, with no serious axe violation in Japanese and English', async () => {
    for (const lang of ['ja', 'en'] as const) {
      const { page, context } = await operatorPage(lang);
      const t = (ja: string, en: string) => (lang === 'ja' ? ja : en);

      await open(page, t('オペレーター', 'Operators'));
      const operators = page.getByRole('region', { name: t('オペレーターの一覧', 'List of operators') });
      await operators.getByText('dev|operator').waitFor();
      await operators.getByText('dev|staff').waitFor();
      await expectNoSeriousViolations(page);
      await screenshot(page, `console-operators-${lang}`);

      await open(page, t('操作履歴', 'Audit log'));
      const audit = page.getByRole('region', { name: t('操作履歴の一覧', 'Audit log entries') });
      await audit.getByText(t('デッドレターを再送', 'Replayed a dead letter')).first().waitFor();
      await audit.getByText(t('参加者の写真をアップロード', 'Uploaded a participant photo')).waitFor();
      await audit.getByText('user:test|staff').waitFor();
      await expectNoSeriousViolations(page);
      await screenshot(page, `console-audit-${lang}`);

      await open(page, t('ダッシュボード', 'Dashboard'));
      await page.getByRole('heading', { name: t('イベントの状況', 'Event dashboard'), level: 2 }).waitFor();
      await page.getByRole('img', { name: lang === 'ja' ? /棒グラフ/ : /Bar chart/ }).waitFor();
      await expectNoSeriousViolations(page);
      if (lang === 'ja') await screenshot(page, 'console-dashboard-ja');

      await open(page, t('デッドレター', 'Dead letters'));
      await page.getByRole('region', { name: t('デッドレターの一覧', 'List of dead letters') }).waitFor();
      await expectNoSeriousViolations(page);
      await context.close();
    }
  });

  it('when a selection is replayed and one of them is gone meanwhile, then each row shows its own result', async () => {
    const record = (reason: string) =>
      apps.system.adapters.deadLetters.record(newDeadLetter({ reason, deadLetteredAt: new Date() }));
    const [kept, gone] = [await record('first of two'), await record('second of two')];
    const { page, context } = await operatorPage('en');
    await open(page, 'Dead letters');
    // Another operator clears the second letter between this page's list and its replay.
    await page.route(`**/admin/dead-letters/${gone.id}/replay`, (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'DEAD_LETTER.NOT_FOUND', message: 'gone', requestId: 'req-gone' },
        }),
      }),
    );
    for (const letter of [kept, gone])
      await page.getByRole('checkbox', { name: `Select ${letter.topic} ${letter.id}` }).check();
    await page.getByRole('button', { name: 'Replay selected (2)' }).click();
    const row = (id: string) => page.locator(`[data-dead-letter="${id}"]`);
    await row(kept.id).getByText('Published again').waitFor();
    await row(gone.id).getByText('This dead letter is gone').waitFor();
    await row(kept.id)
      .getByText(/^Replayed/)
      .waitFor();
    await row(gone.id).getByText('Waiting').waitFor();
    await context.close();
  });
});
