import { fileURLToPath } from 'node:url';
import { describeFingerprint } from '@photo/shared/testing/openapi-fingerprint';
import { buildImageServerOpenApiDocument } from './openapi';

// UPDATE_FINGERPRINT=1 rewrites the fingerprint: only for a deliberate change of the API, reviewed in its diff.
const file = fileURLToPath(new URL('./openapi.fingerprint.json', import.meta.url));
describeFingerprint(
  'image server API',
  buildImageServerOpenApiDocument,
  file,
  Boolean(process.env.UPDATE_FINGERPRINT),
);
