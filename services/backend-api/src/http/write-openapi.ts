import { openApiFile, writeOpenApiWhenRun } from '@photo/shared/http/openapi-file';
import { buildOpenApiDocument } from './openapi';

/** `npm run openapi`: writes the backend's OpenAPI document to docs/openapi.json. */
const openApi = openApiFile('openapi.json', buildOpenApiDocument);
export const { file: OPENAPI_FILE, render: renderOpenApi } = openApi;
await writeOpenApiWhenRun(import.meta.url, openApi);
