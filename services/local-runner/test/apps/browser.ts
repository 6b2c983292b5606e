import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { parseConfig } from '@photo/shared/config/parse-config';
import { silentLogger } from '@photo/shared/http/logger';
import { systemClock } from '@photo/shared/ports/common';
import { localRunnerConfigSchema } from '../../src/config';
import { startSystem, type RunningSystem } from '../../src/system';
import { startWebApps, type RunningWebApps } from '../../src/apps/web-apps';
import { webAppsRunnerEnv } from '../../src/apps/web-apps-config';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
/** Where the tests put the screenshots docs/apps.md shows. */
export const SCREENSHOT_DIR = join(REPO, 'docs/apps');
/** A phone held upright (iPhone 12–15 class). */
export const PHONE = { width: 390, height: 844 } as const;

export interface AppsSystem {
  system: RunningSystem;
  webApps: RunningWebApps;
  appUrl(name: string): string;
  stop(): Promise<void>;
}

/** The system as `npm start` composes it (apps first, then the APIs, then the apps connected), on free ports. */
export async function startAppsSystem(env: Record<string, string> = {}): Promise<AppsSystem> {
  const dataDir = await mkdtemp(join(tmpdir(), 'apps-e2e-'));
  const logger = silentLogger();
  const config = parseConfig(localRunnerConfigSchema, {
    DATA_DIR: dataDir,
    BACKEND_PORT: '0',
    IMAGE_SERVER_PORT: '0',
    IDENTITY_PORT: '0',
    GALLERY_PORT: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const webApps = await startWebApps({
    config: parseConfig(webAppsRunnerEnv, {
      STAFF_APP_PORT: '0',
      OPERATOR_CONSOLE_PORT: '0',
      PARTICIPANT_APP_PORT: '0',
      ...env,
    }),
    host: config.HOST,
    publicHost: config.PUBLIC_HOST,
    logger,
  });
  const system = await startSystem({ config, logger, clock: systemClock, appOrigins: webApps.origins });
  webApps.connect(system);
  return {
    system,
    webApps,
    appUrl(name) {
      const app = webApps.apps.find((a) => a.name === name);
      if (!app) throw new Error(`no web app ${name}`);
      return app.url;
    },
    async stop() {
      await webApps.stop();
      await system.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Debian's Chromium, headless, through playwright-core (no browser download). The fake media flags give every page
 * a camera; `fakeVideo` plays a .y4m file through it.
 */
export async function launchBrowser(options: { fakeVideo?: string } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      ...(options.fakeVideo ? [`--use-file-for-fake-video-capture=${options.fakeVideo}`] : []),
    ],
  });
}

/** A fresh phone-sized context (its own storage, so its own login) in the given language. */
export function phoneContext(browser: Browser, lang: 'ja' | 'en' = 'ja'): Promise<BrowserContext> {
  return browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: lang === 'ja' ? 'ja-JP' : 'en-US',
    permissions: ['camera'],
  });
}

/** Logs in through the dev identity provider's real page, as a person would: the app's button, user, passcode. */
export async function logIn(page: Page, apps: AppsSystem, appUrl: string, userId: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('button', { name: /^(Log in|ログイン)$/ }).click();
  await page.waitForURL((url) => url.href.startsWith(apps.system.urls.identity));
  await page.locator(`input[name="user"][value="${userId}"]`).check();
  await page.locator('#passcode').fill(apps.system.idp.passcode(userId));
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.href.startsWith(appUrl) && !url.search.includes('code='));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeSource: string | null = null;

/** Runs axe-core in the page; answers the serious and critical violations (each with the elements it found). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');
  // Injected through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(): Promise<{ violations: Array<Record<string, unknown>> }> } }
    ).axe;
    return (await axe.run()).violations;
  });
  return violations
    .map((v) => ({
      id: String(v.id),
      impact: (v.impact as string | null) ?? null,
      help: String(v.help),
      targets: ((v.nodes as Array<{ target: string[] }>) ?? []).map((n) => n.target.join(' ')),
    }))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a phone-size screenshot as docs/apps/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}
