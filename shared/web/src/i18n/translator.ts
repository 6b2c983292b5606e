import type { Lang } from './languages';

/** A catalog: every key of an app's messages, in one language. `{name}` marks a value put in at run time. */
export type Catalog<K extends string> = Readonly<Record<K, string>>;

/** The catalogs of every language, made with `catalogs`. */
export type Catalogs<K extends string> = Readonly<Record<Lang, Catalog<K>>>;

/**
 * The catalogs from one table that gives each key once, with its English and its Japanese side by side, so no
 * language can lack a key: `catalogs({ 'scan.title': ['Scan', 'スキャン'], … })`.
 */
export function catalogs<K extends string>(
  table: Readonly<Record<K, readonly [en: string, ja: string]>>,
): Catalogs<K> {
  const en = {} as Record<K, string>;
  const ja = {} as Record<K, string>;
  for (const key of Object.keys(table) as K[]) [en[key], ja[key]] = table[key];
  return { en, ja };
}

export type Params = Readonly<Record<string, string | number>>;

export interface Translator<K extends string> {
  lang: Lang;
  t(key: K, params?: Params): string;
}

export function createTranslator<K extends string>(catalogs: Catalogs<K>, lang: Lang): Translator<K> {
  const catalog = catalogs[lang];
  const numbers = new Intl.NumberFormat(lang);
  return {
    lang,
    t: (key, params) =>
      catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
        const value = params?.[name];
        if (value === undefined) return whole;
        return typeof value === 'number' ? numbers.format(value) : value;
      }),
  };
}

/** Joins catalogs of distinct key sets (the shared messages and an app's own) language by language. */
export function mergeCatalogs<A extends string, B extends string>(
  a: Catalogs<A>,
  b: Catalogs<B>,
): Catalogs<A | B> {
  return { ja: { ...a.ja, ...b.ja }, en: { ...a.en, ...b.en } } as Catalogs<A | B>;
}
