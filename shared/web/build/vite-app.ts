import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The build-side description of one web app: where it lives and how it presents itself when installed. */
export interface WebAppBuild {
  /** The app's directory (holding index.html, src/ and public/), e.g. `new URL('.', import.meta.url)`. */
  dir: URL;
  name: string;
  shortName: string;
  description: string;
  /** The browser chrome's colour when installed; matches the icons' background. */
  themeColor: string;
  lang: 'ja' | 'en';
  /** Screen orientation of the installed app (a phone app held upright: 'portrait'). */
  orientation?: 'portrait' | 'any';
  /**
   * Scripts in the app's public/ the generated service worker imports (`importScripts`), e.g. a push handler: the
   * worker stays generated (precache, config.json) and the app adds only its own events.
   */
  serviceWorkerImports?: string[];
}

/** The icons each app keeps in its public/, drawn by `npx tsx shared/web/build/draw-icons.ts <app>`. */
export const ICON_FILES = {
  any192: 'icons/icon-192.png',
  any512: 'icons/icon-512.png',
  maskable512: 'icons/maskable-512.png',
  appleTouch: 'icons/apple-touch-icon.png',
  svg: 'icons/icon.svg',
} as const;

/**
 * The head and fallback every app's index.html shares, injected so each index.html keeps only its own language,
 * title, description and mount point.
 */
function commonPage(app: WebAppBuild): Plugin {
  const headStart = `<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
    <meta name="theme-color" content="${app.themeColor}" />`;
  const headEnd = `  <link rel="icon" href="/${ICON_FILES.svg}" type="image/svg+xml" />
    <link rel="apple-touch-icon" href="/${ICON_FILES.appleTouch}" />
  </head>`;
  const bodyEnd = `  <noscript>This app needs JavaScript. / このアプリには JavaScript が必要です。</noscript>
  </body>`;
  return {
    name: 'photo-common-page',
    // 'pre': Vite then builds the page as if each app had written these lines itself.
    transformIndexHtml: {
      order: 'pre',
      handler: (html) =>
        html.replace('<head>', headStart).replace('</head>', headEnd).replace('</body>', bodyEnd),
    },
  };
}

/**
 * The Vite config of a web app: Preact's JSX through Vite's own transform, output in the app's dist/, and a service
 * worker precaching the shell and every asset (WASM included) so the app opens offline. `/config.json` is never
 * precached: it is fetched network-first, so a redeploy's settings win and the last ones still work offline.
 */
export function webAppConfig(app: WebAppBuild): UserConfig {
  const root = fileURLToPath(app.dir);
  return {
    root,
    base: '/',
    publicDir: 'public',
    // Vite's own (Oxc) transform compiles the JSX for Preact: no Babel, no plugin.
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      // No inline scripts or styles in the output: the Content-Security-Policy allows neither.
      assetsInlineLimit: 0,
      sourcemap: true,
    },
    clearScreen: false,
    logLevel: 'warn',
    plugins: [
      commonPage(app),
      VitePWA({
        // The app registers /sw.js itself (no inline registration script, which the CSP would refuse).
        injectRegister: null,
        registerType: 'autoUpdate',
        filename: 'sw.js',
        manifestFilename: 'manifest.webmanifest',
        includeAssets: [ICON_FILES.svg, ICON_FILES.appleTouch],
        manifest: {
          name: app.name,
          short_name: app.shortName,
          description: app.description,
          lang: app.lang,
          start_url: '/',
          scope: '/',
          display: 'standalone',
          orientation: app.orientation ?? 'any',
          theme_color: app.themeColor,
          background_color: '#ffffff',
          icons: [
            { src: `/${ICON_FILES.any192}`, sizes: '192x192', type: 'image/png', purpose: 'any' },
            { src: `/${ICON_FILES.any512}`, sizes: '512x512', type: 'image/png', purpose: 'any' },
            { src: `/${ICON_FILES.maskable512}`, sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          ],
        },
        workbox: {
          globPatterns: ['**/*.{html,js,css,wasm,png,svg,webmanifest}'],
          // zxing-wasm's reader is over the 2 MiB default.
          maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
          navigateFallback: '/index.html',
          navigateFallbackDenylist: [/^\/config\.json$/, /^\/sw\.js$/],
          cleanupOutdatedCaches: true,
          ...(app.serviceWorkerImports
            ? { importScripts: app.serviceWorkerImports.map((f) => `/${f}`) }
            : {}),
          clientsClaim: true,
          skipWaiting: true,
          runtimeCaching: [
            {
              urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname === '/config.json',
              handler: 'NetworkFirst',
              options: { cacheName: 'runtime-config', networkTimeoutSeconds: 4 },
            },
          ],
        },
      }),
    ],
  };
}
