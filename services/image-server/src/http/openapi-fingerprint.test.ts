import { describeFingerprint } from '@photo/shared/testing/openapi-fingerprint';
import { buildImageServerOpenApiDocument } from './openapi';

describeFingerprint('image server API', buildImageServerOpenApiDocument, import.meta.url, process.env);
