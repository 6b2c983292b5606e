import { defineConfig } from 'vite';
import { webAppConfig } from '../../shared/web/build/vite-app';

export default defineConfig(
  webAppConfig({
    dir: new URL('.', import.meta.url),
    name: 'Event Photo Operator Console',
    shortName: 'Console',
    description:
      'Register participants, print their QR badges, upload event images and follow the colour pipeline.',
    themeColor: '#1b1b1f',
    lang: 'ja',
  }),
);
