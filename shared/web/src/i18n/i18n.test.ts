import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_ONLY_OPERATIONS } from '../api/errors';
import { API_ERROR_MESSAGES } from './api-errors';
import { COMMON_MESSAGES } from './common-messages';
import { createI18n } from './i18n';
import { LANGUAGES, pickLanguage, languageStore } from './languages';
import { createTranslator, mergeCatalogs } from './translator';

interface Operation {
  operationId?: string;
  responses?: Record<
    string,
    { content?: Record<string, { schema?: { allOf?: Array<Record<string, unknown>> } }> }
  >;
}

/** Every error code the document lists for the operations the apps call, with the operations that answer it. */
function documentedErrorCodes(): Map<string, string[]> {
  const doc = JSON.parse(readFileSync(new URL('../../../../docs/openapi.json', import.meta.url), 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const codes = new Map<string, string[]>();
  for (const ops of Object.values(doc.paths)) {
    for (const op of Object.values(ops)) {
      if (!op.operationId || (SERVER_ONLY_OPERATIONS as readonly string[]).includes(op.operationId)) continue;
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (Number(status) < 400) continue;
        for (const part of response.content?.['application/json']?.schema?.allOf ?? []) {
          const code = (part as { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } })
            .properties?.error?.properties?.code?.enum;
          for (const c of code ?? []) codes.set(c, [...(codes.get(c) ?? []), op.operationId]);
        }
      }
    }
  }
  return codes;
}

describe('API error messages', () => {
  it('when an operation the apps call documents an error code, then it has a message in every language', () => {
    const codes = documentedErrorCodes();
    expect(codes.size).toBeGreaterThan(20);
    const missing = [...codes.keys()].flatMap((code) =>
      LANGUAGES.filter((lang) => !(code in API_ERROR_MESSAGES[lang])).map(
        (lang) => `${code} (${lang}; answered by ${codes.get(code)!.join(', ')})`,
      ),
    );
    expect(missing).toEqual([]);
  });

  it('when a message exists, then it is not left empty and tells what to do next in a sentence of its own', () => {
    for (const lang of LANGUAGES) {
      for (const [code, message] of Object.entries(API_ERROR_MESSAGES[lang])) {
        expect(message.length, `${lang} ${code}`).toBeGreaterThan(10);
        expect(message, `${lang} ${code}`).toMatch(lang === 'ja' ? /。/ : /\. \S/);
      }
    }
  });

  it('when a code is known, unknown or missing, then errorMessage answers its message, a generic one, or the network one', () => {
    const i18n = createI18n(COMMON_MESSAGES, 'ja', () => undefined);
    expect(i18n.errorMessage('QR.EXPIRED')).toBe(API_ERROR_MESSAGES.ja['QR.EXPIRED']);
    expect(i18n.errorMessage('NEW.CODE')).toContain('NEW.CODE');
    expect(i18n.errorMessage(null)).toBe(COMMON_MESSAGES.ja['error.network']);
  });
});

describe('translator', () => {
  it('when a message has placeholders, then they are filled and numbers formatted for the language', () => {
    const catalogs = mergeCatalogs(COMMON_MESSAGES, { en: { n: '{count} shots' }, ja: { n: '{count} 枚' } });
    expect(createTranslator(catalogs, 'en').t('n', { count: 1200 })).toBe('1,200 shots');
    expect(createTranslator(catalogs, 'en').t('shell.loggedInAs', { name: 'Aiko' })).toBe(
      'Logged in as Aiko',
    );
    expect(createTranslator(catalogs, 'ja').t('n')).toBe('{count} 枚');
  });
});

describe('pickLanguage', () => {
  it('when a choice was remembered, then it wins over the browser', () => {
    expect(pickLanguage(['en-US'], 'ja')).toBe('ja');
  });
  it('when the browser lists languages, then the first the apps have is taken', () => {
    expect(pickLanguage(['fr-FR', 'en-GB', 'ja'], null)).toBe('en');
    expect(pickLanguage(['ja-JP'], 'xx')).toBe('ja');
  });
  it('when no language fits, then Japanese', () => {
    expect(pickLanguage(['fr'], null)).toBe('ja');
  });
  it('when the choice is written, then it is read back; when storage throws, then nothing breaks', () => {
    const map = new Map<string, string>();
    languageStore.write('en', { setItem: (k, v) => map.set(k, v) });
    expect(languageStore.read({ getItem: (k) => map.get(k) ?? null })).toBe('en');
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
    };
    expect(languageStore.read(throwing)).toBeNull();
  });
});
