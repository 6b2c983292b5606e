import type { Page } from 'playwright-core';

/**
 * What a staff member does in the staff app, by role and label as they see it (English UI), for the browser tests
 * and the benchmark.
 */
export const staff = {
  /** Through the app's login button and the dev identity provider's login page, back to the scanner. */
  async login(page: Page, appUrl: string, passcode: string, user = 'staff'): Promise<void> {
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator(`input[name="user"][value="${user}"]`).check();
    await page.locator('#passcode').fill(passcode);
    await page.locator('form[action="/authorize"] button[type="submit"]').click();
    await page.waitForURL((url) => url.origin === new URL(appUrl).origin && !url.search.includes('code='));
  },

  async chooseEnglish(page: Page): Promise<void> {
    await page.getByRole('combobox', { name: /Language|言語/ }).selectOption('en');
  },

  /** The card that answers a scan: its heading is the participant's name. */
  async waitForCard(page: Page, name: string): Promise<void> {
    await page.getByRole('heading', { name, level: 2 }).waitFor();
  },

  async takePhoto(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Take the photo' }).click();
    await page.getByRole('img', { name: /The photo just taken/ }).waitFor();
  },

  async accept(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Use this photo' }).click();
  },

  /** The result after an upload: "Photo saved" and the version. */
  async waitForSaved(page: Page, name: string, version: number): Promise<void> {
    await page.getByText('Photo saved').waitFor();
    await page.getByText(`${name}: version ${version}`).waitFor();
  },

  async nextParticipant(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Next participant' }).click();
    await page.getByRole('heading', { name: 'Scan a participant' }).waitFor();
  },

  /** The measures the app records (ms): scan decoded → card shown, accept → upload confirmed. */
  async measures(page: Page): Promise<Record<string, number[]>> {
    return page.evaluate(() => {
      const out: Record<string, number[]> = {};
      for (const entry of performance.getEntriesByType('measure')) {
        if (!entry.name.startsWith('staff:')) continue;
        (out[entry.name] ??= []).push(entry.duration);
      }
      return out;
    });
  },
};

/** Chromium's switches for a fake camera playing `videoFile` (y4m), without the permission prompt. */
export const fakeCameraArgs = (videoFile: string): string[] => [
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${videoFile}`,
  '--use-fake-ui-for-media-stream',
];
