import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { noisyJpeg } from '../shared/src/testing/images';
import { launchBrowser, startAppsSystem, type AppsSystem } from '../services/local-runner/test/apps/browser';
import type { Benchmark } from './lib/benchmark';
import { formatMs } from './lib/stats';

/** Cold opens on Slow 4G, and live updates on an unthrottled page. */
const COLD_OPENS = 5;
const LIVE_UPDATES = 10;

/**
 * Chromium DevTools' "Slow 4G" preset (front_end/core/sdk/NetworkManager.ts): 1.6 Mbit/s down, 750 kbit/s up and
 * 150 ms latency, scaled by DevTools' own factors (0.9 for throughput, 3.75 for latency).
 */
const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
};

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

/** Resolves once the card of the image shows bytes of at least this version. */
async function imageShown(page: Page, imageId: string, version: number): Promise<void> {
  await page.waitForFunction(
    ([id, v]) => {
      const card = document.querySelector(`figure[data-image-id="${id}"]`);
      const img = card?.querySelector('img');
      return !!img && img.complete && img.naturalWidth > 0 && Number(card!.getAttribute('data-version')) >= v;
    },
    [imageId, version] as const,
    { timeout: 60_000, polling: 'raf' },
  );
}

export const participantAppBenchmark: Benchmark = {
  name: 'participant-app',
  title: 'participant app in Chromium: cold open on Slow 4G (bytes, first image), upload → image on screen',
  async run(ctx) {
    let apps: AppsSystem | null = null;
    let browser: Browser | null = null;
    try {
      apps = await startAppsSystem();
      const system = apps.system;
      const appUrl = apps.appUrl('participant-app');
      const audience = system.audience;
      const operator = await system.idp.accessToken({
        role: 'operator',
        subject: 'bench|operator',
        audience,
      });
      const staffToken = await system.idp.accessToken({ role: 'staff', subject: 'bench|staff', audience });
      const created = await fetch(`${system.urls.backend}/participants`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'Bench Participant' }),
      });
      const { participant, participantToken } = (await created.json()) as {
        participant: { visitorId: string; photoImageId: string };
        participantToken: string;
      };
      let version = 0;
      const upload = async (seed: number) => {
        const res = await fetch(
          `${system.urls.backend}/participants/${participant.visitorId}/photo?expectedVersion=${version}`,
          {
            method: 'PUT',
            headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'image/jpeg' },
            body: new Uint8Array(await noisyJpeg(640, 480, seed)),
          },
        );
        if (res.status !== 201) throw new Error(`PUT photo answered ${res.status}`);
        version++;
      };
      await upload(1);
      browser = await launchBrowser();

      ctx.log(`${COLD_OPENS} cold opens of the join link on Slow 4G`);
      const shellBytes: number[] = [];
      const otherBytes: number[] = [];
      const firstImage: number[] = [];
      const appOrigin = new URL(appUrl).origin;
      for (let i = 0; i < COLD_OPENS && !ctx.signal.aborted; i++) {
        // A fresh context: no HTTP cache, no service worker, nothing kept on the device.
        const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'ja-JP' });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
        const urls = new Map<string, string>();
        let shell = 0;
        let other = 0;
        cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
        cdp.on('Network.loadingFinished', (e) => {
          const url = urls.get(e.requestId) ?? '';
          if (url.startsWith(appOrigin)) shell += e.encodedDataLength;
          else other += e.encodedDataLength;
        });
        const started = performance.now();
        await page.goto(`${appUrl}/#token=${participantToken}`);
        await imageShown(page, participant.photoImageId, 1);
        firstImage.push(performance.now() - started);
        shellBytes.push(shell);
        otherBytes.push(other);
        await context.close();
      }

      ctx.log(`${LIVE_UPDATES} uploads while the app is open (no throttling)`);
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'ja-JP' });
      const page = await context.newPage();
      await page.goto(`${appUrl}/#token=${participantToken}`);
      await imageShown(page, participant.photoImageId, version);
      await page.getByText('ライブ', { exact: false }).waitFor({ timeout: 30_000 });
      const live: number[] = [];
      for (let i = 0; i < LIVE_UPDATES && !ctx.signal.aborted; i++) {
        const started = performance.now();
        await upload(100 + i);
        await imageShown(page, participant.photoImageId, version);
        live.push(performance.now() - started);
      }
      await context.close();

      const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
      return {
        notes: [
          `Slow 4G as Chromium DevTools defines it (${((SLOW_4G.downloadThroughput * 8) / 1e6).toFixed(2)} Mbit/s down, ${SLOW_4G.latency} ms latency), applied through the DevTools protocol; each cold open is a fresh browser context (no cache, no service worker) opening the join link at 360 x 740`,
          'bytes: what arrived until the first image showed; shell = the app origin (HTML, JS, CSS, manifest, icons, config.json, service worker script; the worker precaches the rest afterwards), the rest = the API and the image server (the photo is a 640 x 480 JPEG)',
          'upload → image on screen: from the staff PUT to the new version painted on an open phone, over the live stream; unthrottled, on the same machine',
        ],
        table: {
          columns: ['p50', 'p95', 'max'],
          rows: [
            {
              label: 'Slow 4G cold open: shell transferred',
              cells: [
                kib(percentile(shellBytes, 0.5)),
                kib(percentile(shellBytes, 0.95)),
                kib(Math.max(...shellBytes)),
              ],
            },
            {
              label: 'Slow 4G cold open: API and image transferred',
              cells: [
                kib(percentile(otherBytes, 0.5)),
                kib(percentile(otherBytes, 0.95)),
                kib(Math.max(...otherBytes)),
              ],
            },
            {
              label: 'Slow 4G cold open: join link → first image',
              cells: [
                `${formatMs(percentile(firstImage, 0.5))} ms`,
                `${formatMs(percentile(firstImage, 0.95))} ms`,
                `${formatMs(Math.max(...firstImage))} ms`,
              ],
            },
            {
              label: 'upload → image on screen (live)',
              cells: [
                `${formatMs(percentile(live, 0.5))} ms`,
                `${formatMs(percentile(live, 0.95))} ms`,
                `${formatMs(Math.max(...live))} ms`,
              ],
            },
          ],
        },
      };
    } finally {
      await browser?.close().catch(() => {});
      await apps?.stop();
    }
  },
};
