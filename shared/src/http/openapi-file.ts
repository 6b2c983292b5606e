import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenApiDocument } from './openapi-document';

/**
 * A service's generated document in docs/ (the service's OpenAPI test fails when it differs from the generator's
 * output), the text it holds, and `npm run openapi`'s write of it when `scriptUrl` is the module run.
 */
export function openApiFile(name: string, build: () => OpenApiDocument) {
  const file = fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url));
  const render = (): string => `${JSON.stringify(build(), null, 2)}\n`;
  const writeWhenRun = async (scriptUrl: string): Promise<void> => {
    if (!process.argv[1] || fileURLToPath(scriptUrl) !== process.argv[1]) return;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, render());
    process.stdout.write(`wrote ${file}\n`);
  };
  return { file, render, writeWhenRun };
}
