import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import {
  launchBrowser,
  logIn,
  startAppsSystem,
  type AppsSystem,
} from '../services/local-runner/test/apps/browser';
import { writeQrVideo } from '../services/local-runner/test/apps/fake-camera';
import { staff } from '../services/local-runner/test/apps/staff-app.driver';
import type { Benchmark } from './lib/benchmark';
import { formatMs } from './lib/stats';

/** Scans and shots through the UI; each is paired with one bare API round trip of the same kind. */
const ITERATIONS = 20;

/** Nearest-rank percentile, as bench/lib/stats does it. */
function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

export const staffAppBenchmark: Benchmark = {
  name: 'staff-app',
  title: 'staff app in Chromium: scan decoded → participant card, accept → upload confirmed',
  async run(ctx) {
    const videoDir = await mkdtemp(join(tmpdir(), 'staff-bench-'));
    let apps: AppsSystem | null = null;
    const browsers: { close(): Promise<void> }[] = [];
    try {
      apps = await startAppsSystem();
      const system = apps.system;
      const audience = system.audience;
      const operator = await system.idp.accessToken({
        role: 'operator',
        subject: 'bench|operator',
        audience,
      });
      const staffToken = await system.idp.accessToken({ role: 'staff', subject: 'bench|staff', audience });
      const api = (path: string, init: RequestInit & { token: string }) =>
        fetch(`${system.urls.backend}${path}`, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${init.token}` },
        });
      const create = async (displayName: string) => {
        const res = await api('/participants', {
          method: 'POST',
          token: operator,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ displayName }),
        });
        return (await res.json()) as {
          participant: { visitorId: string; photoImageId: string };
          qrPayload: string;
        };
      };
      const shown = await create('Bench Scanned');
      const anchor = await create('Bench Anchor');
      const video = join(videoDir, 'qr.y4m');
      await writeQrVideo(video, shown.qrPayload);

      const browser = await launchBrowser({ fakeVideo: video });
      browsers.push(browser);
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 },
        locale: 'en-US',
        permissions: ['camera'],
      });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await logIn(page, apps, apps.appUrl('staff-app'), 'staff');

      ctx.log(`${ITERATIONS} scans and shots through the UI, each followed by the bare API calls`);
      const checkinApi: number[] = [];
      const putApi: number[] = [];
      let photo: Uint8Array<ArrayBuffer> | null = null;
      let anchorVersion = 0;
      for (let i = 0; i < ITERATIONS && !ctx.signal.aborted; i++) {
        await shoot(page, 'Bench Scanned');
        await staff.nextParticipant(page);
        // The anchor uploads the very bytes the app stored (a frame of the fake camera).
        photo ??= await storedOriginal(system.urls.backend, operator, shown.participant.photoImageId);

        let started = performance.now();
        const checkin = await api('/checkin', {
          method: 'POST',
          token: staffToken,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ qr: anchor.qrPayload }),
        });
        await checkin.arrayBuffer();
        checkinApi.push(performance.now() - started);
        if (checkin.status !== 200) throw new Error(`POST /checkin answered ${checkin.status}`);

        started = performance.now();
        const put = await api(
          `/participants/${anchor.participant.visitorId}/photo?expectedVersion=${anchorVersion}`,
          {
            method: 'PUT',
            token: staffToken,
            headers: { 'content-type': 'image/jpeg', 'idempotency-key': randomUUID() },
            body: photo,
          },
        );
        await put.arrayBuffer();
        putApi.push(performance.now() - started);
        if (put.status !== 201) throw new Error(`PUT photo answered ${put.status}`);
        anchorVersion++;
      }
      const measures = await staff.measures(page);
      const scanUi = measures['staff:scan-to-card'] ?? [];
      const uploadUi = measures['staff:accept-to-confirmed'] ?? [];
      if (scanUi.length < ITERATIONS || uploadUi.length < ITERATIONS) {
        throw new Error(
          `the app recorded ${scanUi.length} scans and ${uploadUi.length} uploads, not ${ITERATIONS}`,
        );
      }
      const row = (label: string, samples: number[], anchorSamples: number[] | null) => ({
        label,
        cells: [
          `${formatMs(percentile(samples, 0.5))} ms`,
          `${formatMs(percentile(samples, 0.95))} ms`,
          anchorSamples
            ? `+${formatMs(percentile(samples, 0.5) - percentile(anchorSamples, 0.5))} ms`
            : 'anchor',
        ],
      });
      const scanOver = percentile(scanUi, 0.5) - percentile(checkinApi, 0.5);
      const uploadOver = percentile(uploadUi, 0.5) - percentile(putApi, 0.5);
      return {
        notes: [
          `${ITERATIONS} iterations, one participant re-photographed each time (with the overwrite step) in Chromium at 360 x 740; the shot is a ${((photo?.length ?? 0) / 1024).toFixed(0)} KiB JPEG frame of the fake camera`,
          'UI figures are performance measures inside the app: from the frame whose code was decoded to the card painted, and from the accept tap to the outbox recording the server’s version',
          `headline: the app adds ${formatMs(scanOver)} ms at p50 to a check-in and ${formatMs(uploadOver)} ms to an upload over the bare API round trips from Node`,
        ],
        table: {
          columns: ['p50', 'p95', 'vs API at p50'],
          rows: [
            row('POST /checkin round trip from Node', checkinApi, null),
            row('UI: scan decoded → participant card shown', scanUi, checkinApi),
            row('PUT photo round trip from Node (same JPEG)', putApi, null),
            row('UI: accept → upload confirmed', uploadUi, putApi),
          ],
        },
      };
    } finally {
      for (const browser of browsers) await browser.close().catch(() => {});
      await apps?.stop();
      await rm(videoDir, { recursive: true, force: true });
    }
  },
};

/** One pass through the app for the participant in front of the camera: card, (overwrite), shutter, accept, saved. */
async function shoot(page: Page, name: string): Promise<void> {
  await staff.waitForCard(page, name);
  const overwrite = page.getByRole('button', { name: 'Overwrite photo' });
  if (await overwrite.isVisible()) {
    await overwrite.click();
    await page.getByRole('button', { name: 'Yes, take a new photo' }).click();
  } else {
    await page.getByRole('button', { name: 'Take photo' }).click();
  }
  await staff.takePhoto(page);
  await staff.accept(page);
  await page.getByText('Photo saved').waitFor();
}

/** The bytes of the current original of an image, through a one-time URL. */
async function storedOriginal(
  backend: string,
  token: string,
  imageId: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const link = await fetch(`${backend}/images/${imageId}/url`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ variant: 'original' }),
  });
  const { url } = (await link.json()) as { url: string };
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}
