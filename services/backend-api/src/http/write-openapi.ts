import { openApiFile } from '@photo/shared/http/openapi-file';
import { buildOpenApiDocument } from './openapi';

/** `npm run openapi`: writes the backend's OpenAPI document to docs/openapi.json. */
const { file, render, writeWhenRun } = openApiFile('openapi.json', buildOpenApiDocument);
export { file as OPENAPI_FILE, render as renderOpenApi };
await writeWhenRun(import.meta.url);
