import { defineConfig } from 'vite';
import { webAppConfig } from '../../shared/web/build/vite-app';

export default defineConfig(
  webAppConfig({
    dir: new URL('.', import.meta.url),
    name: 'Event Photo',
    shortName: 'Photos',
    description: 'Your photos of the event, live on your phone: kept on the device, liked, shared.',
    themeColor: '#b3261e',
    lang: 'ja',
    orientation: 'portrait',
    serviceWorkerImports: ['push-sw.js'],
  }),
);
