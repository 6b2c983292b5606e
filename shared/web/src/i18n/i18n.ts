import { createContext } from 'preact';
import { useContext, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { API_ERROR_MESSAGES, isApiErrorCode } from './api-errors';
import { COMMON_MESSAGES, type CommonKey } from './common-messages';
import { GALLERY_ERROR_MESSAGES, isGalleryOnlyErrorCode } from './gallery-errors';
import { languageStore, pickLanguage, type Lang } from './languages';
import { createTranslator, mergeCatalogs, type Catalogs, type Params, type Translator } from './translator';

/** The language in use, its messages (the shared ones and the app's), and the way to switch. */
export interface I18n<K extends string = CommonKey> extends Translator<K | CommonKey> {
  setLang(lang: Lang): void;
  /**
   * What to tell the person about a failed call: the message of an API error code, the network message for null
   * (no answer), or a generic message naming an unknown code.
   */
  errorMessage(code: string | null): string;
}

export function createI18n<K extends string>(
  catalogs: Catalogs<K | CommonKey>,
  lang: Lang,
  setLang: (lang: Lang) => void,
): I18n<K> {
  const translator = createTranslator(catalogs, lang);
  const common = translator as Translator<CommonKey>;
  return {
    ...translator,
    setLang,
    errorMessage(code) {
      if (code === null) return common.t('error.network');
      if (isApiErrorCode(code)) return API_ERROR_MESSAGES[lang][code];
      if (isGalleryOnlyErrorCode(code)) return GALLERY_ERROR_MESSAGES[lang][code];
      return common.t('error.unknown', { code });
    },
  };
}

/**
 * The app's i18n state: the language picked from the remembered choice or the browser's languages, switchable,
 * remembered, and set on `<html lang>` (screen readers and the browser's hyphenation follow it).
 */
export function useI18nState<K extends string>(appCatalogs: Catalogs<K>): I18n<K> {
  const [lang, setLangState] = useState<Lang>(() => pickLanguage(navigator.languages, languageStore.read()));
  const catalogs = useMemo(() => mergeCatalogs(COMMON_MESSAGES, appCatalogs), [appCatalogs]);
  // Before paint, so the text shown and the language assistive technology reads it in never disagree.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return useMemo(
    () =>
      createI18n<K>(catalogs, lang, (next) => {
        languageStore.write(next);
        setLangState(next);
      }),
    [catalogs, lang],
  );
}

export const I18nContext = createContext<I18n<string> | null>(null);

/** The i18n of the nearest provider; `K` is the app's message keys. */
export function useI18n<K extends string = CommonKey>(): I18n<K> {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n needs an I18nContext.Provider above it');
  return i18n as unknown as I18n<K>;
}

export type { Params };
