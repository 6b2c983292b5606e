import type { DevUser } from './dev-users';

export type Lang = 'en' | 'ja';

const TEXT = {
  en: {
    title: 'Sign in',
    intro: (app: string) =>
      `${app} asks you to sign in. This is the development identity provider of the event photo system.`,
    who: 'Who are you?',
    passcode: 'Passcode',
    passcodeHint: 'Printed by npm start next to the URLs.',
    submit: 'Sign in',
    roles: {
      operator: 'Operator: every permission',
      staff: 'Staff: check-in and photos',
      none: 'No permissions',
    },
    switchTo: '日本語',
    errorTitle: 'Sign-in is not possible',
    startAgain: 'Go back to the app and start the sign-in again.',
    errors: {
      wrongPasscode: 'That passcode is not the one of this user. Check it and try again.',
      noUser: 'Choose a user.',
      tooMany: 'Too many wrong passcodes for this user. Wait a minute, then try again.',
    },
  },
  ja: {
    title: 'サインイン',
    intro: (app: string) =>
      `${app} がサインインを求めています。イベント写真システムの開発用認証サーバーです。`,
    who: 'ユーザーを選んでください',
    passcode: 'パスコード',
    passcodeHint: 'npm start が URL の横に表示したものです。',
    submit: 'サインイン',
    roles: { operator: 'オペレーター: すべての権限', staff: 'スタッフ: 受付と撮影', none: '権限なし' },
    switchTo: 'English',
    errorTitle: 'サインインできません',
    startAgain: 'アプリに戻って、もう一度サインインしてください。',
    errors: {
      wrongPasscode: 'このユーザーのパスコードではありません。確認してもう一度入力してください。',
      noUser: 'ユーザーを選んでください。',
      tooMany: 'パスコードの誤りが多すぎます。1分待ってからもう一度お試しください。',
    },
  },
} as const;

export type LoginError = keyof (typeof TEXT)['en']['errors'];

/** The language the person reads: `ui_locales` when the app names one, else the best of Accept-Language. */
export function chooseLang(uiLocales: string | undefined, acceptLanguage: string | undefined): Lang {
  for (const tag of (uiLocales ?? '').split(' ')) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ja' || base === 'en') return base;
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { base: tag.toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q) };
    })
    .filter((l) => (l.base === 'ja' || l.base === 'en') && l.q > 0)
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.base as Lang | undefined) ?? 'en';
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Styles for a phone held in one hand: one column, large targets, system fonts, nothing fetched from elsewhere. */
const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#111;background:#f6f6f6}
main{max-width:28rem;margin:0 auto;background:#fff;padding:1rem 1.25rem;border-radius:.5rem}
h1{font-size:1.5rem;margin:.25rem 0 .75rem}fieldset{border:0;padding:0;margin:0 0 1rem}
legend{font-weight:600;margin-bottom:.5rem}
label.user{display:flex;gap:.75rem;align-items:center;min-height:3rem;padding:.5rem .75rem;margin:.25rem 0;
border:1px solid #888;border-radius:.5rem}
label.user input{width:1.5rem;height:1.5rem}.role{display:block;color:#333;font-size:.9rem}
input[type=password]{font-size:1.25rem;width:100%;box-sizing:border-box;min-height:3rem;padding:.5rem;
border:1px solid #555;border-radius:.5rem;letter-spacing:.1em}
button{width:100%;min-height:3rem;font-size:1.1rem;margin-top:1rem;border:0;border-radius:.5rem;background:#0b57d0;
color:#fff}.error{color:#a50e0e;background:#fce8e6;padding:.5rem .75rem;border-radius:.5rem}
.hint{color:#333;font-size:.9rem;margin:.25rem 0 0}a{color:#0b57d0}
:focus-visible{outline:3px solid #e37400;outline-offset:2px}`;

function page(lang: Lang, title: string, nonce: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><style nonce="${nonce}">${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

export function loginPage(input: {
  lang: Lang;
  clientId: string;
  users: readonly DevUser[];
  tx: string;
  selectedUser: string | null;
  error: LoginError | null;
  /** The same request in the other language; none on a form shown again after a refusal. */
  switchLangUrl: string | null;
  styleNonce: string;
}): string {
  const t = TEXT[input.lang];
  const users = input.users
    .map((u) => {
      const checked = u.id === input.selectedUser ? ' checked' : '';
      return `<label class="user"><input type="radio" name="user" value="${escape(u.id)}" required${checked}>
<span>${escape(u.name)} <span class="role">${escape(t.roles[u.role ?? 'none'])}</span></span></label>`;
    })
    .join('\n');
  const error = input.error ? `<p class="error" role="alert">${escape(t.errors[input.error])}</p>` : '';
  return page(
    input.lang,
    t.title,
    input.styleNonce,
    `<h1>${t.title}</h1><p>${escape(t.intro(input.clientId))}</p>${error}
<form method="post" action="/authorize">
<input type="hidden" name="tx" value="${escape(input.tx)}">
<fieldset><legend>${t.who}</legend>${users}</fieldset>
<label for="passcode">${t.passcode}</label>
<input type="password" id="passcode" name="passcode" required autocomplete="off" autocapitalize="characters"
 spellcheck="false" aria-describedby="passcode-hint">
<p class="hint" id="passcode-hint">${t.passcodeHint}</p>
<button type="submit">${t.submit}</button></form>
${switchLang(input.lang, input.switchLangUrl)}`,
  );
}

function switchLang(lang: Lang, url: string | null): string {
  if (url === null) return '';
  const other = lang === 'en' ? 'ja' : 'en';
  return `<p><a href="${escape(url)}" lang="${other}" hreflang="${other}">${TEXT[lang].switchTo}</a></p>`;
}

/** A refusal that cannot go back to the app (no valid redirect_uri): what happened and what to do. */
export function errorPage(lang: Lang, reason: string, styleNonce: string): string {
  const t = TEXT[lang];
  return page(
    lang,
    t.errorTitle,
    styleNonce,
    `<h1>${t.errorTitle}</h1><p class="error" role="alert">${escape(reason)}</p><p>${t.startAgain}</p>`,
  );
}
