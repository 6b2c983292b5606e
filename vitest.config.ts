import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/src/**/*.test.ts',
      'shared/web/src/**/*.test.{ts,tsx}',
      'services/*/src/**/*.test.ts',
      'services/*/test/**/*.test.ts',
      'infra/test/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Starts the Firestore and Pub/Sub emulators for the cloud suites (or decides they skip).
    globalSetup: ['shared/src/testing/emulators.global-setup.ts'],
    // The Google clients must not probe for a metadata server that is not there.
    env: { METADATA_SERVER_DETECTION: 'none' },
    reporters: ['default'],
  },
});
