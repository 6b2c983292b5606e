import { useI18n } from '../i18n/i18n';
import { LANGUAGE_NAMES, LANGUAGES, isLang } from '../i18n/languages';

/** The language switch: each language named in itself; the choice is remembered on this device. */
export function LanguageSwitch() {
  const i18n = useI18n();
  return (
    <label class="language-switch">
      <span class="visually-hidden">{i18n.t('shell.language')}</span>
      <select
        class="select"
        value={i18n.lang}
        onChange={(e) => {
          const value = e.currentTarget.value;
          if (isLang(value)) i18n.setLang(value);
        }}
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {LANGUAGE_NAMES[lang]}
          </option>
        ))}
      </select>
    </label>
  );
}
