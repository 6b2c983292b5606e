import type { Catalog, Catalogs } from '@photo/web/i18n/translator';
import { GALLERY_EN, GALLERY_JA } from './gallery-messages';

/** The participant app's own words; English is the reference, every language has every key (a type error otherwise). */
const en = {
  'app.title': 'Event Photos',
  'app.loading': 'Opening…',
  'nav.photos': 'My photos',
  'nav.inbox': 'Notifications',
  'nav.unread': ' unread',
  'nav.settings': 'Settings',
  'nav.gallery': 'Gallery',

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
    'The event does not know the pass kept on this phone. Ask the event staff for a new link or QR code, or register again.',
  'lost.rotated.title': 'Signed out: a newer link replaced this one',
  'lost.rotated.explain':
    'Your pass was renewed (by you on another phone, or by the event staff), so the copy on this phone stopped working. Open the newest link you were given. If you do not have it, ask the event staff for a new link or QR code.',
  'lost.revoked.title': 'Signed out: the organisers withdrew this pass',
  'lost.revoked.explain':
    'The organisers withdrew the pass kept on this phone, for example after a phone was reported lost. Your photos are not lost. Ask at the reception desk for a new link or QR code.',
  'lost.reset': 'Start again',
  'lost.resetHint': '“Start again” removes the old pass and the photos kept on this phone.',

  'code.title': 'Your check-in code',
  'code.registered': 'You are registered, {name}.',
  'code.explain':
    'Show this code to the staff when they photograph you. Turn the screen brightness up so it scans at arm’s length.',
  'code.label': 'Check-in QR code of {name}',
  'code.validUntil': 'Valid until {date}.',
  'code.expired':
    'The code kept on this phone expired on {date}. Connect to the internet and try again for a new one, or ask at the reception desk.',
  'code.loading': 'Getting your check-in code…',
  'code.offline': 'You are offline: this is the code kept on this phone.',
  'code.failed':
    'Your check-in code could not be fetched. Check your connection and try again, or ask at the reception desk.',
  'code.show': 'Show my check-in code',
  'code.done': 'Continue to my photos',

  'photos.none': 'Not photographed yet. Your photo appears here as soon as the staff have taken it.',
  'photos.loading': 'Loading your photos…',
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
  'photos.offline': 'You are offline. These are the photos kept on this phone.',

  'live.live': 'Live: new photos appear by themselves.',
  'live.polling': 'Checking for new photos every few seconds.',
  'live.paused': 'Paused while the app is in the background.',
  'live.connecting': 'Connecting…',

  'inbox.empty': 'No notifications yet. When someone likes your photo, you will see it here.',
  'inbox.like.one': '{name} liked your {kind}.',
  'inbox.like.many': '{name} and {others} others liked your {kind}.',
  'inbox.kind.photo': 'photo',
  'inbox.kind.look': 'look',
  'inbox.unread': 'New',
  'inbox.markRead': 'Mark read',
  'inbox.markAllRead': 'Mark all read',
  'settings.push.title': 'Notifications on this phone',
  'settings.push.on': 'Notifications are on for this phone.',
  'settings.push.off':
    'Notifications are off for this phone. Turn them on to hear when someone likes your photo.',
  'settings.push.unsupported':
    'This browser cannot show notifications from the app. Add the app to your home screen or use another browser; your notifications still appear under Notifications.',
  'settings.push.blocked':
    'Notifications are blocked for this app. Allow them in the browser’s site settings, then come back here.',
  'settings.push.failed':
    'Notifications could not be turned on in this browser. Try again later; your notifications still appear under Notifications.',
  'settings.push.turnOn': 'Turn on notifications',
  'settings.push.turnOff': 'Turn off notifications on this phone',
  'settings.prefs.title': 'Where notifications go',
  'settings.prefs.channels': 'Channels',
  'settings.prefs.push': 'Push notifications',
  'settings.prefs.email': 'E-mail',
  'settings.prefs.sms': 'SMS',
  'settings.prefs.inApp': 'Notifications in the app are always on.',
  'settings.prefs.emailAddress': 'E-mail address (empty: the one you registered)',
  'settings.prefs.phone': 'Phone number for SMS, with country code (+819012345678)',
  'settings.prefs.quietTitle': 'Quiet hours',
  'settings.prefs.quiet': 'Hold push and SMS during quiet hours',
  'settings.prefs.quietStart': 'From',
  'settings.prefs.quietEnd': 'Until',
  'settings.prefs.timeZone': 'Times are in {timeZone}.',
  'settings.prefs.save': 'Save',
  'settings.prefs.saving': 'Saving…',
  'settings.prefs.saved': 'Saved.',
  ...GALLERY_EN,
} as const satisfies Record<string, string>;

export type ParticipantMessageKey = keyof typeof en;

const ja: Catalog<ParticipantMessageKey> = {
  'app.title': 'イベントフォト',
  'app.loading': '開いています…',
  'nav.photos': 'わたしの写真',
  'nav.inbox': 'お知らせ',
  'nav.unread': ' 件未読',
  'nav.settings': '設定',
  'nav.gallery': 'ギャラリー',

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
    'この端末に保存された参加証は、イベントで確認できませんでした。イベントスタッフに新しいリンクか QR コードをもらうか、もう一度登録してください。',
  'lost.rotated.title': 'サインアウトしました：新しいリンクに置き換えられました',
  'lost.rotated.explain':
    '参加証が（別の端末でご自身が、またはスタッフが）再発行されたため、この端末の参加証は使えなくなりました。最後に受け取ったリンクを開いてください。手元にない場合は、イベントスタッフに新しいリンクか QR コードをもらってください。',
  'lost.revoked.title': 'サインアウトしました：主催者が参加証を取り消しました',
  'lost.revoked.explain':
    'この端末の参加証は、主催者によって取り消されました（端末の紛失が届けられた場合など）。写真はなくなっていません。受付で新しいリンクか QR コードをもらってください。',
  'lost.reset': 'はじめからやり直す',
  'lost.resetHint': '「はじめからやり直す」と、古い参加証とこの端末に保存した写真を削除します。',

  'code.title': 'あなたのチェックインコード',
  'code.registered': '{name} さん、登録しました。',
  'code.explain':
    '撮影のとき、このコードをスタッフに見せてください。画面を明るくすると、腕を伸ばした距離でも読み取れます。',
  'code.label': '{name} さんのチェックイン QR コード',
  'code.validUntil': '{date} まで有効です。',
  'code.expired':
    'この端末に保存したコードは {date} に有効期限が切れました。インターネットにつないでもう一度お試しいただくか、受付で新しいものをもらってください。',
  'code.loading': 'チェックインコードを取得しています…',
  'code.offline': 'オフラインです。この端末に保存したコードを表示しています。',
  'code.failed':
    'チェックインコードを取得できませんでした。接続を確かめてもう一度お試しいただくか、受付でおたずねください。',
  'code.show': 'チェックインコードを表示',
  'code.done': 'わたしの写真へ',

  'photos.none': 'まだ撮影されていません。スタッフが撮影すると、ここに写真が表示されます。',
  'photos.loading': '写真を読み込んでいます…',
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
  'photos.offline': 'オフラインです。この端末に保存された写真を表示しています。',

  'live.live': 'ライブ: 新しい写真は自動で表示されます。',
  'live.polling': '数秒ごとに新しい写真を確認しています。',
  'live.paused': 'アプリがバックグラウンドの間は停止しています。',
  'live.connecting': '接続しています…',

  'inbox.empty': 'お知らせはまだありません。あなたの写真に「いいね」が付くと、ここに表示されます。',
  'inbox.like.one': '{name} さんがあなたの{kind}に「いいね」しました。',
  'inbox.like.many': '{name} さんほか {others} 人があなたの{kind}に「いいね」しました。',
  'inbox.kind.photo': '写真',
  'inbox.kind.look': 'ルック',
  'inbox.unread': '新着',
  'inbox.markRead': '既読にする',
  'inbox.markAllRead': 'すべて既読にする',
  'settings.push.title': 'この端末への通知',
  'settings.push.on': 'この端末への通知はオンです。',
  'settings.push.off':
    'この端末への通知はオフです。オンにすると、写真に「いいね」が付いたときにお知らせします。',
  'settings.push.unsupported':
    'このブラウザではアプリからの通知を表示できません。ホーム画面に追加するか、別のブラウザをお使いください。お知らせはアプリの「お知らせ」に届きます。',
  'settings.push.blocked':
    'このアプリの通知はブロックされています。ブラウザのサイト設定で許可してから、もう一度ここに戻ってください。',
  'settings.push.failed':
    'このブラウザでは通知をオンにできませんでした。後でもう一度お試しください。お知らせはアプリの「お知らせ」に届きます。',
  'settings.push.turnOn': '通知をオンにする',
  'settings.push.turnOff': 'この端末への通知をオフにする',
  'settings.prefs.title': '通知の届け先',
  'settings.prefs.channels': '通知方法',
  'settings.prefs.push': 'プッシュ通知',
  'settings.prefs.email': 'メール',
  'settings.prefs.sms': 'SMS',
  'settings.prefs.inApp': 'アプリ内のお知らせは常にオンです。',
  'settings.prefs.emailAddress': 'メールアドレス（空欄：登録したアドレス）',
  'settings.prefs.phone': 'SMS を受け取る電話番号（国番号付き：+819012345678）',
  'settings.prefs.quietTitle': 'おやすみ時間',
  'settings.prefs.quiet': 'おやすみ時間はプッシュ通知と SMS を止める',
  'settings.prefs.quietStart': '開始',
  'settings.prefs.quietEnd': '終了',
  'settings.prefs.timeZone': '時刻は {timeZone} の時刻です。',
  'settings.prefs.save': '保存する',
  'settings.prefs.saving': '保存しています…',
  'settings.prefs.saved': '保存しました。',
  ...GALLERY_JA,
};

export const PARTICIPANT_MESSAGES: Catalogs<ParticipantMessageKey> = { en, ja };
