import { openApiFile } from '@photo/shared/http/openapi-file';
import { buildGalleryOpenApiDocument } from './openapi';

/** `npm run openapi`: writes the gallery's OpenAPI document to docs/gallery.openapi.json. */
const { file, render, writeWhenRun } = openApiFile('gallery.openapi.json', buildGalleryOpenApiDocument);
export { file as OPENAPI_FILE, render as renderOpenApi };
await writeWhenRun(import.meta.url);
