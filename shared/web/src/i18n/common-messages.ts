import { catalogs } from './translator';

/** Messages of the shared UI pieces (shell, login, notices), used by every app: [English, Japanese]. */
export const COMMON_MESSAGES = catalogs({
  'shell.language': ['Language', '言語'],
  'shell.logout': ['Log out', 'ログアウト'],
  'shell.loggedInAs': ['Logged in as {name}', '{name} としてログイン中'],
  'login.explain': [
    'Log in with your event account to continue.',
    '続けるには、イベントのアカウントでログインしてください。',
  ],
  'login.action': ['Log in', 'ログイン'],
  'login.failed': [
    'Logging in did not work. Try again; if it keeps failing, tell an operator.',
    'ログインできませんでした。やり直してください。続く場合は運営者に伝えてください。',
  ],
  'login.sessionEnded': [
    'Your session has ended. Log in again to go on: what you typed and the uploads waiting are kept.',
    'ログインの有効期限が切れました。続けるにはもう一度ログインしてください。入力中の内容と送信待ちのアップロードは保持されます。',
  ],
  'permission.lacking': [
    'This account ({name}) lacks the permission this app needs. Log out and log in with another account, or ask an operator for the right role.',
    'このアカウント（{name}）には、このアプリに必要な権限がありません。ログアウトして別のアカウントでログインするか、運営者に権限を付けてもらってください。',
  ],
  'status.loading': ['Loading…', '読み込み中…'],
  'error.network': [
    'The server could not be reached. Check the Wi-Fi and try again.',
    'サーバーに接続できませんでした。Wi-Fi を確認してやり直してください。',
  ],
  'error.unknown': [
    'Something unexpected went wrong (code {code}). Try again; if it keeps happening, tell an operator.',
    '予期しないエラーが起きました（コード {code}）。やり直してください。続く場合は運営者に伝えてください。',
  ],
  'error.config': [
    'This app is not set up correctly (its config.json could not be read). Tell an operator.',
    'このアプリの設定（config.json）を読み込めませんでした。運営者に伝えてください。',
  ],
  'error.requestId': ['Reference: {requestId}', '問い合わせ番号: {requestId}'],
  'error.retryIn': [
    'Too many requests in a short time. Try again in {seconds} seconds.',
    '短い時間に操作が多すぎます。{seconds} 秒後にもう一度お試しください。',
  ],
  'notice.dismiss': ['Dismiss', '閉じる'],
  'nav.label': ['Sections', 'メニュー'],
  'action.cancel': ['Cancel', 'やめる'],
  'action.retry': ['Retry', '再送'],
});

export type CommonKey = keyof typeof COMMON_MESSAGES.en;
