import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGalleryOpenApiDocument } from './openapi';

/** Where the generated document is kept; the OpenAPI test fails when it differs from the generator's output. */
export const OPENAPI_FILE = fileURLToPath(new URL('../../../../docs/gallery.openapi.json', import.meta.url));

/** `npm run openapi`: writes the gallery's OpenAPI document, pretty-printed, to docs/gallery.openapi.json. */
export const renderOpenApi = (): string => `${JSON.stringify(buildGalleryOpenApiDocument(), null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await mkdir(dirname(OPENAPI_FILE), { recursive: true });
  await writeFile(OPENAPI_FILE, renderOpenApi());
  process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
}
