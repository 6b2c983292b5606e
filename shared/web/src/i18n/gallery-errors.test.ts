import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GALLERY_SERVER_ONLY_OPERATIONS } from '../api/gallery-client';
import { COMMON_MESSAGES } from './common-messages';
import { createI18n } from './i18n';
import { LANGUAGES } from './languages';

interface Operation {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { schema?: { allOf?: unknown[] } }> }>;
}

function galleryErrorCodes(): Set<string> {
  const doc = JSON.parse(
    readFileSync(new URL('../../../../docs/gallery.openapi.json', import.meta.url), 'utf8'),
  ) as { paths: Record<string, Record<string, Operation>> };
  const codes = new Set<string>();
  for (const ops of Object.values(doc.paths))
    for (const op of Object.values(ops)) {
      if ((GALLERY_SERVER_ONLY_OPERATIONS as readonly (string | undefined)[]).includes(op.operationId))
        continue;
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (Number(status) < 400) continue;
        for (const part of response.content?.['application/json']?.schema?.allOf ?? []) {
          const code = (part as { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } })
            .properties?.error?.properties?.code?.enum;
          for (const c of code ?? []) codes.add(c);
        }
      }
    }
  return codes;
}

describe('gallery error messages', () => {
  it('when the gallery documents an error code the app may meet, then it has its own message in every language', () => {
    const codes = galleryErrorCodes();
    expect(codes.has('FACE.NONE')).toBe(true);
    for (const lang of LANGUAGES) {
      const i18n = createI18n(COMMON_MESSAGES, lang, () => undefined);
      for (const code of codes) {
        const message = i18n.errorMessage(code);
        expect(message, `${lang} ${code}`).not.toContain(code);
        expect(message, `${lang} ${code}`).toMatch(lang === 'ja' ? /。/ : /\. \S/);
      }
    }
  });
});
