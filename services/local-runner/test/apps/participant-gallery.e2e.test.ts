import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '@photo/shared/adapters/sqlite/database';
import { faceSelfie } from '@photo/shared/testing/face-samples';
import { blocksPng } from '@photo/shared/testing/images';
import { ingestGalleryDirectory } from '../../src/ingest/ingest-gallery';
import {
  launchBrowser,
  phoneContext,
  screenshot,
  seriousAxeViolations,
  startAppsSystem,
  type AppsSystem,
} from './browser';
import { writeImageVideo } from './fake-camera';

/** The narrowest phone the app is made for, held upright. */
const NARROW_PHONE = { width: 360, height: 740 } as const;

let apps: AppsSystem;
let appUrl: string;
let browser: Browser;
let operatorToken: string;
let videoDir: string;

const db = () => (apps.system.adapters as unknown as { db: SqliteDatabase }).db;
const count = (sql: string, ...params: unknown[]) =>
  db()
    .prepare(sql)
    .pluck()
    .get(...params) as number;

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

/** The gallery user the participant's token stands for, as the gallery keeps it. */
const userOf = (visitorId: string) =>
  db().prepare('SELECT user_id FROM gallery_participants WHERE visitor_id = ?').pluck().get(visitorId) as
    string | undefined;

async function phone(lang: 'ja' | 'en'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phoneContext(browser, lang);
  const page = await context.newPage();
  await page.setViewportSize(NARROW_PHONE);
  page.setDefaultTimeout(30_000);
  return { context, page };
}

/** axe on the screen as it is, then in the other language, then back. */
async function expectAccessibleInBothLanguages(page: Page): Promise<void> {
  const select = page.getByRole('combobox', { name: /^(言語|Language)$/ });
  const before = await select.inputValue();
  const other = before === 'ja' ? 'en' : 'ja';
  for (const lang of [before, other]) {
    await select.selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    const violations = await seriousAxeViolations(page);
    expect(violations, `${lang}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }
  await select.selectOption(before);
  await page.waitForFunction((l) => document.documentElement.lang === l, before);
}

/** Gallery images in the catalog, as an operator's ingest puts them there. */
async function ingestGalleryImages(): Promise<void> {
  const dir = join(videoDir, 'gallery-images');
  await mkdir(dir, { recursive: true });
  const colours: [number, number, number][] = [
    [200, 40, 40],
    [40, 160, 60],
    [40, 60, 200],
    [210, 180, 40],
  ];
  for (const [i, c] of colours.entries())
    await writeFile(join(dir, `photo-${i}.png`), await blocksPng(320, 240, [c, [255 - c[0], 90, 90]]));
  const adapters = apps.system.adapters as unknown as Parameters<typeof ingestGalleryDirectory>[0];
  await ingestGalleryDirectory(
    { ...adapters, clock: { now: () => new Date() }, bucket: 'images', prefix: 'gallery/' },
    dir,
  );
  // The catalog fills from the bus's storage events.
  const deadline = Date.now() + 30_000;
  while (count('SELECT count(*) FROM gallery_items') < 4) {
    if (Date.now() > deadline) throw new Error('the gallery images were not catalogued');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A PushManager that hands out a subscription with a real P-256 key (Chromium's push service is out of reach). */
async function fakePushManager(context: BrowserContext): Promise<void> {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'jwk' });
  const p256dh = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x!, 'base64url'),
    Buffer.from(jwk.y!, 'base64url'),
  ]).toString('base64url');
  await context.addInitScript(
    ({ p256dh, auth }) => {
      const state = globalThis as unknown as { pushSub?: unknown };
      const endpoint = `https://push.example.net/send/${crypto.randomUUID()}`;
      const subscription = {
        endpoint,
        options: {},
        toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
        unsubscribe: () => Promise.resolve(((state.pushSub = null), true)),
      };
      PushManager.prototype.subscribe = function () {
        state.pushSub = subscription;
        return Promise.resolve(subscription as unknown as PushSubscription);
      };
      PushManager.prototype.getSubscription = () =>
        Promise.resolve((state.pushSub ?? null) as PushSubscription | null);
    },
    { p256dh, auth: randomBytes(16).toString('base64url') },
  );
}

beforeAll(async () => {
  apps = await startAppsSystem({ GALLERY_RATE_EMOTION_PER_MINUTE: '0' });
  appUrl = apps.appUrl('participant-app');
  operatorToken = await apps.system.idp.accessToken({
    role: 'operator',
    subject: 'test|operator',
    audience: apps.system.audience,
  });
  videoDir = await mkdtemp(join(tmpdir(), 'participant-gallery-'));
  // The front camera plays one face sample: every selfie from it is the same person.
  const video = join(videoDir, 'face.y4m');
  await writeImageVideo(video, await faceSelfie('fair'));
  browser = await launchBrowser({ fakeVideo: video });
  await ingestGalleryImages();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await apps?.stop();
  if (videoDir) await rm(videoDir, { recursive: true, force: true });
});

describe(
  'the expression gallery in the participant app, in Chromium on a 360 px phone',
  { timeout: 180_000 },
  () => {
    let context: BrowserContext;
    let page: Page;
    let mika: { visitorId: string; token: string };

    it('when a selfie is taken without consent, then the expression shows with picks, and no face is kept on the server', async () => {
      mika = await participant('Mika Ueda');
      ({ context, page } = await phone('ja'));
      await fakePushManager(context);
      await context.grantPermissions(['notifications'], { origin: appUrl });
      await page.goto(`${appUrl}/#token=${mika.token}`);
      await page.getByRole('button', { name: 'ギャラリー' }).click();
      await page.getByRole('heading', { name: '表情ギャラリー' }).waitFor();
      const consent = page.getByRole('checkbox', { name: '顔を覚えて', exact: false });
      expect(await consent.isChecked()).toBe(false);
      await expectAccessibleInBothLanguages(page);
      await screenshot(page, 'participant-gallery-ja');

      await page.getByRole('button', { name: 'セルフィーを撮る' }).click();
      const shutter = page.getByRole('button', { name: '撮影する' });
      await expect.poll(() => shutter.isEnabled()).toBe(true);
      await expectAccessibleInBothLanguages(page);
      await screenshot(page, 'participant-selfie-camera-ja');
      await shutter.click();
      // The gallery loads its face models on the first selfie: slow on a loaded machine.
      await page.getByText('あなたの表情：笑顔').waitFor({ timeout: 120_000 });
      await page.getByText('あなたの顔の情報は保存していません。').waitFor();

      const userId = userOf(mika.visitorId);
      expect(userId).toMatch(/^gu_/);
      expect(count('SELECT count(*) FROM face_index WHERE user_id = ?', userId)).toBe(0);
      expect(count('SELECT count(*) FROM face_analyses WHERE descriptor IS NOT NULL')).toBe(0);
      expect(
        count('SELECT count(*) FROM gallery_users WHERE user_id = ? AND face_expires_at IS NULL', userId),
      ).toBe(1);

      const tiles = page.locator('figure.gallery-tile');
      await expect.poll(() => tiles.count()).toBe(4);
      await expect
        .poll(() =>
          tiles
            .locator('img')
            .evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length),
        )
        .toBe(4);
      const like = page.getByRole('button', { name: 'いいね: イベント画像 1' });
      await like.click();
      await expect.poll(() => like.getAttribute('aria-pressed')).toBe('true');
      expect(count('SELECT count(*) FROM gallery_likes WHERE user_id = ?', userId)).toBe(1);
      await expectAccessibleInBothLanguages(page);
      await screenshot(page, 'participant-expression-ja');
    });

    it('when a selfie is taken with consent, then the same user keeps the face, and the next selfie recognises them', async () => {
      const userId = userOf(mika.visitorId);
      await page.getByRole('button', { name: 'もう一度撮る' }).click();
      await page.getByRole('checkbox', { name: '顔を覚えて', exact: false }).check();
      await page.getByRole('button', { name: 'セルフィーを撮る' }).click();
      await page.getByRole('button', { name: '撮影する' }).click();
      await page.getByText('まで記憶されます', { exact: false }).waitFor({ timeout: 60_000 });
      // One participant, one gallery user: the face joined the user made before.
      expect(userOf(mika.visitorId)).toBe(userId);
      expect(count('SELECT count(*) FROM face_index WHERE user_id = ?', userId)).toBe(1);
      expect(count('SELECT count(*) FROM gallery_users')).toBe(1);

      await page.getByRole('combobox', { name: '言語' }).selectOption('en');
      await page.getByRole('button', { name: 'Take another selfie' }).click();
      await page.getByRole('checkbox', { name: 'Remember my face', exact: false }).uncheck();
      await page.getByRole('button', { name: 'Take a selfie' }).click();
      await page.getByRole('button', { name: 'Take the selfie' }).click();
      await page.getByText('Welcome back: the gallery recognised you.').waitFor({ timeout: 60_000 });
      await page.getByText('Your expression: happy').waitFor();
      await expectAccessibleInBothLanguages(page);
      await screenshot(page, 'participant-recognised-en');
    });

    it('when "delete my data" is confirmed, then the gallery forgets the user and face, and the phone keeps nothing', async () => {
      const userId = userOf(mika.visitorId)!;
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('button', { name: 'Turn on notifications' }).click();
      await page.getByText('Notifications are on for this phone.').waitFor();
      const pushRows = () =>
        count('SELECT count(*) FROM push_subscriptions WHERE visitor_id = ?', mika.visitorId);
      expect(pushRows()).toBe(1);
      await page.evaluate(async () =>
        (await caches.open('participant-marker')).put('/marker', new Response('x')),
      );

      await page.getByRole('button', { name: 'Gallery' }).click();
      await page.getByRole('button', { name: 'Delete my data' }).click();
      await page.getByText('Delete everything now?').waitFor();
      // The question and both answers are brought on screen.
      const yes = page.getByRole('button', { name: 'Yes, delete everything' });
      await expect
        .poll(async () => {
          const box = await yes.boundingBox();
          return box !== null && box.y >= 0 && box.y + box.height <= NARROW_PHONE.height;
        })
        .toBe(true);
      await expectAccessibleInBothLanguages(page);
      await screenshot(page, 'participant-erase-en');
      await page.getByRole('button', { name: 'Yes, delete everything' }).click();
      await page.getByText('Your data was deleted', { exact: false }).waitFor();
      await page.getByRole('heading', { name: 'Welcome' }).waitFor();
      await expectAccessibleInBothLanguages(page);
      await screenshot(page, 'participant-erased-en');

      // On the server: the user, face, likes, sessions and binding are gone, and so is the push subscription.
      for (const table of [
        'gallery_users',
        'face_index',
        'gallery_likes',
        'gallery_sessions',
        'gallery_participants',
      ])
        expect(count(`SELECT count(*) FROM ${table} WHERE user_id = ?`, userId), table).toBe(0);
      expect(pushRows()).toBe(0);
      // On the phone: no token, image, gallery user or cached response of before; no push subscription.
      const device = await page.evaluate(async () => {
        const read = (name: string, store: string) =>
          new Promise<unknown[]>((resolve, reject) => {
            const open = indexedDB.open(name);
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains(store)) return resolve([]);
              const all = db.transaction(store).objectStore(store).getAll();
              all.onsuccess = () => resolve(all.result);
            };
          });
        return {
          session: await read('participant-session', 'session'),
          images: await read('participant-images', 'images'),
          gallery: await read('participant-gallery', 'gallery'),
          caches: await caches.keys(),
          push: (globalThis as unknown as { pushSub?: unknown }).pushSub ?? null,
        };
      });
      expect(device.session).toEqual([]);
      expect(device.images).toEqual([]);
      expect(device.gallery).toEqual([]);
      expect(device.caches).not.toContain('participant-marker');
      expect(device.caches.filter((name) => name.includes('precache'))).toEqual([]);
      expect(device.push).toBeNull();
      await context.close();
    });

    it('when the gallery answers 429 with Retry-After, then the shutter says how long to wait and opens again after it', async () => {
      const ken = await participant('Ken Mori');
      const { context: ctx, page: p } = await phone('en');
      let refused = 0;
      await ctx.route(`${apps.system.urls.gallery}/emotion`, (route) => {
        if (refused++ > 0) return route.continue();
        return route.fulfill({
          status: 429,
          headers: {
            'content-type': 'application/json',
            'retry-after': '4',
            'access-control-allow-origin': appUrl,
            'access-control-expose-headers': 'Retry-After',
          },
          body: JSON.stringify({ error: { code: 'RATE.LIMITED', message: 'slow down', requestId: 'r' } }),
        });
      });
      await p.goto(`${appUrl}/#token=${ken.token}`);
      await p.getByRole('button', { name: 'Gallery' }).click();
      await p.getByRole('button', { name: 'Take a selfie' }).click();
      await p.getByRole('button', { name: 'Take the selfie' }).click();
      await p.getByText(/Try again in [34] seconds\./).waitFor();
      const waiting = p.getByRole('button', { name: /^Try again in [1-4] s$/ });
      expect(await waiting.isDisabled()).toBe(true);
      await p.getByRole('button', { name: 'Take the selfie' }).waitFor({ timeout: 10_000 });
      await p.getByRole('button', { name: 'Take the selfie' }).click();
      await p.getByText('Your expression: happy').waitFor({ timeout: 60_000 });
      await ctx.close();
    });
  },
);
