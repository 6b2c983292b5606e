import type { Catalog, Catalogs } from './translator';

/** Messages of the shared UI pieces (shell, login, notices), used by every app. */
const en = {
  'shell.language': 'Language',
  'shell.logout': 'Log out',
  'shell.loggedInAs': 'Logged in as {name}',
  'login.explain': 'Log in with your event account to continue.',
  'login.action': 'Log in',
  'login.failed': 'Logging in did not work. Try again; if it keeps failing, tell an operator.',
  'login.sessionEnded':
    'Your session has ended. Log in again to go on: what you typed and the uploads waiting are kept.',
  'permission.lacking':
    'This account ({name}) lacks the permission this app needs. Log out and log in with another account, or ask an operator for the right role.',
  'status.loading': 'Loading…',
  'error.network': 'The server could not be reached. Check the Wi-Fi and try again.',
  'error.unknown':
    'Something unexpected went wrong (code {code}). Try again; if it keeps happening, tell an operator.',
  'error.config': 'This app is not set up correctly (its config.json could not be read). Tell an operator.',
  'error.requestId': 'Reference: {requestId}',
  'error.retryIn': 'Too many requests in a short time. Try again in {seconds} seconds.',
  'notice.dismiss': 'Dismiss',
  'nav.label': 'Sections',
  'action.cancel': 'Cancel',
  'action.retry': 'Retry',
} as const satisfies Record<string, string>;

export type CommonKey = keyof typeof en;

const ja: Catalog<CommonKey> = {
  'shell.language': '言語',
  'shell.logout': 'ログアウト',
  'shell.loggedInAs': '{name} としてログイン中',
  'login.explain': '続けるには、イベントのアカウントでログインしてください。',
  'login.action': 'ログイン',
  'login.failed': 'ログインできませんでした。やり直してください。続く場合は運営者に伝えてください。',
  'login.sessionEnded':
    'ログインの有効期限が切れました。続けるにはもう一度ログインしてください。入力中の内容と送信待ちのアップロードは保持されます。',
  'permission.lacking':
    'このアカウント（{name}）には、このアプリに必要な権限がありません。ログアウトして別のアカウントでログインするか、運営者に権限を付けてもらってください。',
  'status.loading': '読み込み中…',
  'error.network': 'サーバーに接続できませんでした。Wi-Fi を確認してやり直してください。',
  'error.unknown':
    '予期しないエラーが起きました（コード {code}）。やり直してください。続く場合は運営者に伝えてください。',
  'error.config': 'このアプリの設定（config.json）を読み込めませんでした。運営者に伝えてください。',
  'error.requestId': '問い合わせ番号: {requestId}',
  'error.retryIn': '短い時間に操作が多すぎます。{seconds} 秒後にもう一度お試しください。',
  'notice.dismiss': '閉じる',
  'nav.label': 'メニュー',
  'action.cancel': 'やめる',
  'action.retry': '再送',
};

export const COMMON_MESSAGES: Catalogs<CommonKey> = { en, ja };
