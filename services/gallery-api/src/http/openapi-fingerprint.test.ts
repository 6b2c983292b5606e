import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { expectFingerprintKept } from '@photo/shared/testing/openapi-fingerprint';
import { buildGalleryOpenApiDocument } from './openapi';

const FINGERPRINT_FILE = fileURLToPath(new URL('./openapi.fingerprint.json', import.meta.url));

describe('the gallery API contract', () => {
  it('when the document is generated, then every operation keeps the contract fingerprinted in openapi.fingerprint.json', async () => {
    await expectFingerprintKept(
      buildGalleryOpenApiDocument(),
      FINGERPRINT_FILE,
      Boolean(process.env.UPDATE_FINGERPRINT),
    );
  });
});
