import { webStorage } from '../storage/web-storage';

/** The apps' languages: Japanese first (the event staff of the seed are Japanese), English. */
export const LANGUAGES = ['ja', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Each language's own name, for the switch (a person looks for their language in their language). */
export const LANGUAGE_NAMES: Record<Lang, string> = { ja: '日本語', en: 'English' };

const STORAGE_KEY = 'photo.lang';

export const isLang = (value: unknown): value is Lang => (LANGUAGES as readonly unknown[]).includes(value);

/**
 * The language to show: the one the person chose before, else the first of the browser's languages the apps have
 * (`ja-JP` counts as `ja`), else Japanese.
 */
export function pickLanguage(browserLanguages: readonly string[], stored: string | null): Lang {
  if (isLang(stored)) return stored;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLang(primary)) return primary;
  }
  return 'ja';
}

/** The remembered choice (localStorage may be unavailable, e.g. in a locked-down browser: then nothing is kept). */
export const languageStore = {
  read(storage: Pick<Storage, 'getItem'> | null = webStorage('localStorage')): string | null {
    try {
      return storage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  },
  write(lang: Lang, storage: Pick<Storage, 'setItem'> | null = webStorage('localStorage')): void {
    try {
      storage?.setItem(STORAGE_KEY, lang);
    } catch {
      // Not remembered; the choice still holds for this page.
    }
  },
};
