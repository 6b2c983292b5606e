import { readFile } from 'node:fs/promises';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

const DOCUMENT = new URL('../../../../docs/openapi.json', import.meta.url);
const GENERATED = new URL('./backend.gen.ts', import.meta.url);

describe('the generated API types', () => {
  it('when docs/openapi.json changes, then backend.gen.ts is regenerated with it (npm run openapi)', async () => {
    const expected = `${COMMENT_HEADER}${astToString(await openapiTS(DOCUMENT))}`;
    expect(await readFile(GENERATED, 'utf8')).toBe(expected);
  });
});
