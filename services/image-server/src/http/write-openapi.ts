import { openApiFile, writeOpenApiWhenRun } from '@photo/shared/http/openapi-file';
import { buildImageServerOpenApiDocument } from './openapi';

/** `npm run openapi`: writes the image server's OpenAPI document to docs/image-server.openapi.json. */
const openApi = openApiFile('image-server.openapi.json', buildImageServerOpenApiDocument);
export const { file: OPENAPI_FILE, render: renderOpenApi } = openApi;
await writeOpenApiWhenRun(import.meta.url, openApi);
