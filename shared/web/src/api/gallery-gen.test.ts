import { readFile } from 'node:fs/promises';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

const DOCUMENT = new URL('../../../../docs/gallery.openapi.json', import.meta.url);
const GENERATED = new URL('./gallery.gen.ts', import.meta.url);

describe('the generated gallery types', () => {
  it('when docs/gallery.openapi.json changes, then gallery.gen.ts is regenerated with it (npm run openapi)', async () => {
    const expected = `${COMMENT_HEADER}${astToString(await openapiTS(DOCUMENT))}`;
    expect(await readFile(GENERATED, 'utf8')).toBe(expected);
  });
});
