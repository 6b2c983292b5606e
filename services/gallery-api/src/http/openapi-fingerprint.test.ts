import { describeFingerprint } from '@photo/shared/testing/openapi-fingerprint';
import { buildGalleryOpenApiDocument } from './openapi';

describeFingerprint('gallery API', buildGalleryOpenApiDocument, import.meta.url, process.env);
