import { openApiFile, writeOpenApiWhenRun } from '@photo/shared/http/openapi-file';
import { buildGalleryOpenApiDocument } from './openapi';

/** `npm run openapi`: writes the gallery's OpenAPI document to docs/gallery.openapi.json. */
const openApi = openApiFile('gallery.openapi.json', buildGalleryOpenApiDocument);
export const { file: OPENAPI_FILE, render: renderOpenApi } = openApi;
await writeOpenApiWhenRun(import.meta.url, openApi);
