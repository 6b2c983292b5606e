import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { expectFingerprintKept } from '@photo/shared/testing/openapi-fingerprint';
import { buildOpenApiDocument } from './openapi';

const FINGERPRINT_FILE = fileURLToPath(new URL('./openapi.fingerprint.json', import.meta.url));

describe('the backend API contract', () => {
  it('when the document is generated, then every operation keeps the contract fingerprinted in openapi.fingerprint.json', async () => {
    await expectFingerprintKept(
      buildOpenApiDocument(),
      FINGERPRINT_FILE,
      Boolean(process.env.UPDATE_FINGERPRINT),
    );
  });
});
