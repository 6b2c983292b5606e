import type { Catalog, Catalogs } from '@photo/web/i18n/translator';

/** The participant app's own words; English is the reference, every language has every key (a type error otherwise). */
const en = {
  'app.title': 'Event Photos',
  'app.loading': 'Opening…',
  'nav.label': 'Sections',
  'nav.photos': 'My photos',
  'nav.inbox': 'Notifications',
  'nav.unread': ' unread',
  'nav.settings': 'Settings',

  'join.title': 'Welcome',
  'join.explain':
    'Open the link or scan the QR code the event staff gave you: your photos then appear here, on this phone.',
  'join.registerTitle': 'No link? Register here',
  'join.name': 'Your name (as staff should call you)',
  'join.email': 'E-mail (optional)',
  'join.register': 'Register',
  'join.registering': 'Registering…',
  'join.registrationOff':
    'Registering from the app is switched off at this event. Ask the event staff for your link or QR code.',
  'join.nameMissing': 'Enter your name.',
  'join.badLink':
    'This link is not complete (its code is damaged). Open the link from the staff again, or scan the QR code again.',

  'lost.title': 'This phone’s pass no longer works',
  'lost.explain':
    'The event no longer accepts the pass kept on this phone: it was replaced or withdrawn. Ask the event staff for a new link or QR code, or register again.',
  'lost.reset': 'Start again',

  'me.hello': 'Hello, {name}',
  'me.showQr': 'Show this to the staff when they photograph you:',
  'me.qrLabel': 'Your check-in code',

  'photos.title': 'My photos',
  'photos.none': 'Not photographed yet. Your photo appears here as soon as the staff have taken it.',
  'photos.loading': 'Loading your photos…',
  'photos.imageLoading': 'Loading…',
  'photos.imageFailed': 'This image could not be loaded.',
  'photos.retry': 'Try again',
  'photos.kind.participant-photo': 'My photo',
  'photos.kind.event': 'Event photo',
  'photos.kind.look': 'Look',
  'photos.variant.original': 'Photo',
  'photos.variant.clustered': 'Colour clusters',
  'photos.variant.generated': 'Artwork',
  'photos.variant.processed': 'Finished',
  'photos.variant.other': 'Image',
  'photos.version': 'version {version}',
  'photos.alt': '{kind} ({variant}, {version})',
  'photos.status.clustering': 'Being painted in colour clusters…',
  'photos.status.generating': 'An artwork is being made…',
  'photos.status.failed': 'Processing this image failed; the staff can try again.',
  'photos.save': 'Save',
  'photos.share': 'Share',
  'photos.shareTitle': 'My event photo',
  'photos.like': 'Like',
  'photos.liked': 'Liked',
  'photos.offline': 'You are offline. These are the photos kept on this phone.',

  'live.live': 'Live: new photos appear by themselves.',
  'live.polling': 'Checking for new photos every few seconds.',
  'live.paused': 'Paused while the app is in the background.',
  'live.connecting': 'Connecting…',

  'inbox.title': 'Notifications',
  'inbox.empty': 'No notifications yet. When someone likes your photo, you will see it here.',
  'inbox.like.one': '{name} liked your {kind}.',
  'inbox.like.many': '{name} and {others} others liked your {kind}.',
  'inbox.kind.photo': 'photo',
  'inbox.kind.look': 'look',
  'inbox.unread': 'New',
  'inbox.markRead': 'Mark read',
  'inbox.markAllRead': 'Mark all read',
} as const satisfies Record<string, string>;

export type ParticipantMessageKey = keyof typeof en;

const ja: Catalog<ParticipantMessageKey> = {
  'app.title': 'イベントフォト',
  'app.loading': '開いています…',
  'nav.label': 'メニュー',
  'nav.photos': 'わたしの写真',
  'nav.inbox': 'お知らせ',
  'nav.unread': ' 件未読',
  'nav.settings': '設定',

  'join.title': 'ようこそ',
  'join.explain':
    'イベントスタッフから受け取ったリンクを開くか、QR コードを読み取ってください。この端末にあなたの写真が表示されます。',
  'join.registerTitle': 'リンクがない場合は、ここで登録',
  'join.name': 'お名前（スタッフが呼ぶときの名前）',
  'join.email': 'メールアドレス（任意）',
  'join.register': '登録する',
  'join.registering': '登録しています…',
  'join.registrationOff':
    'このイベントではアプリからの登録は受け付けていません。イベントスタッフにリンクか QR コードをもらってください。',
  'join.nameMissing': 'お名前を入力してください。',
  'join.badLink':
    'このリンクは不完全です（コードが壊れています）。スタッフからのリンクをもう一度開くか、QR コードを読み取り直してください。',

  'lost.title': 'この端末の参加証は使えなくなりました',
  'lost.explain':
    'この端末に保存された参加証は、再発行または取り消しにより無効になりました。イベントスタッフに新しいリンクか QR コードをもらうか、もう一度登録してください。',
  'lost.reset': 'はじめからやり直す',

  'me.hello': 'こんにちは、{name} さん',
  'me.showQr': '撮影のとき、スタッフにこのコードを見せてください:',
  'me.qrLabel': 'あなたのチェックインコード',

  'photos.title': 'わたしの写真',
  'photos.none': 'まだ撮影されていません。スタッフが撮影すると、ここに写真が表示されます。',
  'photos.loading': '写真を読み込んでいます…',
  'photos.imageLoading': '読み込み中…',
  'photos.imageFailed': 'この画像を読み込めませんでした。',
  'photos.retry': 'もう一度',
  'photos.kind.participant-photo': 'わたしの写真',
  'photos.kind.event': 'イベント写真',
  'photos.kind.look': 'ルック',
  'photos.variant.original': '写真',
  'photos.variant.clustered': '色クラスタ',
  'photos.variant.generated': 'アート作品',
  'photos.variant.processed': '完成',
  'photos.variant.other': '画像',
  'photos.version': '第 {version} 版',
  'photos.alt': '{kind}（{variant}・{version}）',
  'photos.status.clustering': '色クラスタで描いています…',
  'photos.status.generating': 'アート作品を作っています…',
  'photos.status.failed': 'この画像の処理に失敗しました。スタッフがやり直せます。',
  'photos.save': '保存',
  'photos.share': '共有',
  'photos.shareTitle': 'イベントの写真',
  'photos.like': 'いいね',
  'photos.liked': 'いいね済み',
  'photos.offline': 'オフラインです。この端末に保存された写真を表示しています。',

  'live.live': 'ライブ: 新しい写真は自動で表示されます。',
  'live.polling': '数秒ごとに新しい写真を確認しています。',
  'live.paused': 'アプリがバックグラウンドの間は停止しています。',
  'live.connecting': '接続しています…',

  'inbox.title': 'お知らせ',
  'inbox.empty': 'お知らせはまだありません。あなたの写真に「いいね」が付くと、ここに表示されます。',
  'inbox.like.one': '{name} さんがあなたの{kind}に「いいね」しました。',
  'inbox.like.many': '{name} さんほか {others} 人があなたの{kind}に「いいね」しました。',
  'inbox.kind.photo': '写真',
  'inbox.kind.look': 'ルック',
  'inbox.unread': '新着',
  'inbox.markRead': '既読にする',
  'inbox.markAllRead': 'すべて既読にする',
};

export const PARTICIPANT_MESSAGES: Catalogs<ParticipantMessageKey> = { en, ja };
