import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenApiDocument } from './openapi-document';

/**
 * A service's generated document in docs/ (`npm run openapi` writes it; the service's OpenAPI test fails when it
 * differs from the generator's output) and the text it holds: the document pretty-printed.
 */
export const openApiFile = (name: string, build: () => OpenApiDocument) => ({
  file: fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url)),
  render: (): string => `${JSON.stringify(build(), null, 2)}\n`,
});

/** Writes the document when `scriptUrl` is the module run (`tsx services/<service>/src/http/write-openapi.ts`). */
export async function writeOpenApiWhenRun(
  scriptUrl: string,
  { file, render }: ReturnType<typeof openApiFile>,
): Promise<void> {
  if (!process.argv[1] || fileURLToPath(scriptUrl) !== process.argv[1]) return;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, render());
  process.stdout.write(`wrote ${file}\n`);
}
