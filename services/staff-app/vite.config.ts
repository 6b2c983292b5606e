import { defineConfig } from 'vite';
import { webAppConfig } from '../../shared/web/build/vite-app';

export default defineConfig(
  webAppConfig({
    dir: new URL('.', import.meta.url),
    name: 'Event Photo Staff',
    shortName: 'Staff',
    description: 'Scan a participant’s QR code, take their photo, upload it — and never lose a shot.',
    themeColor: '#0b57d0',
    lang: 'ja',
    orientation: 'portrait',
  }),
);
