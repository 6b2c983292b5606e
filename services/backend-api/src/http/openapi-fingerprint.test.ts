import { describeFingerprint } from '@photo/shared/testing/openapi-fingerprint';
import { buildOpenApiDocument } from './openapi';

describeFingerprint('backend API', buildOpenApiDocument, import.meta.url, process.env);
