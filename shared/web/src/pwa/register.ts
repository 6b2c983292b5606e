/**
 * Registers the service worker the build generated (`/sw.js`, precaching the shell and every asset, so the app
 * opens offline). Not in the Vite dev server, which serves no worker. Registration failures are logged, never
 * fatal: the app works online without it.
 */
export async function registerServiceWorker(url = '/sw.js'): Promise<ServiceWorkerRegistration | null> {
  // `import.meta.hot` exists only under the dev server (`import.meta.env.DEV` follows NODE_ENV, which a build run
  // from the test runner sets to "test").
  if (import.meta.hot || !('serviceWorker' in navigator)) return null;
  try {
    return await navigator.serviceWorker.register(url, { scope: '/', type: 'classic' });
  } catch (err) {
    console.warn('service worker registration failed', err);
    return null;
  }
}
