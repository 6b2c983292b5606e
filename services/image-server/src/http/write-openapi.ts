import { openApiFile } from '@photo/shared/http/openapi-file';
import { buildImageServerOpenApiDocument } from './openapi';

/** `npm run openapi`: writes the image server's OpenAPI document to docs/image-server.openapi.json. */
const { file, render, writeWhenRun } = openApiFile(
  'image-server.openapi.json',
  buildImageServerOpenApiDocument,
);
export { file as OPENAPI_FILE, render as renderOpenApi };
await writeWhenRun(import.meta.url);
