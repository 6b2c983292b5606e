import { catalogs } from '@photo/web/i18n/translator';

/** The participant app's own words, each key with its [English, Japanese]. */
export const PARTICIPANT_MESSAGES = catalogs({
  'app.title': ['Event Photos', 'イベントフォト'],
  'app.loading': ['Opening…', '開いています…'],
  'nav.photos': ['My photos', 'わたしの写真'],
  'nav.inbox': ['Notifications', 'お知らせ'],
  'nav.unread': [' unread', ' 件未読'],
  'nav.settings': ['Settings', '設定'],
  'nav.gallery': ['Gallery', 'ギャラリー'],

  'join.title': ['Welcome', 'ようこそ'],
  'join.explain': [
    'Open the link or scan the QR code the event staff gave you: your photos then appear here, on this phone.',
    'イベントスタッフから受け取ったリンクを開くか、QR コードを読み取ってください。この端末にあなたの写真が表示されます。',
  ],
  'join.registerTitle': ['No link? Register here', 'リンクがない場合は、ここで登録'],
  'join.name': ['Your name (as staff should call you)', 'お名前（スタッフが呼ぶときの名前）'],
  'join.email': ['E-mail (optional)', 'メールアドレス（任意）'],
  'join.register': ['Register', '登録する'],
  'join.registering': ['Registering…', '登録しています…'],
  'join.registrationOff': [
    'Registering from the app is switched off at this event. Ask the event staff for your link or QR code.',
    'このイベントではアプリからの登録は受け付けていません。イベントスタッフにリンクか QR コードをもらってください。',
  ],
  'join.nameMissing': ['Enter your name.', 'お名前を入力してください。'],
  'join.badLink': [
    'This link is not complete (its code is damaged). Open the link from the staff again, or scan the QR code again.',
    'このリンクは不完全です（コードが壊れています）。スタッフからのリンクをもう一度開くか、QR コードを読み取り直してください。',
  ],

  'lost.unknown.title': ['This phone’s pass no longer works', 'この端末の参加証は使えなくなりました'],
  'lost.unknown.explain': [
    'The event does not know the pass kept on this phone. Ask the event staff for a new link or QR code, or register again.',
    'この端末に保存された参加証は、イベントで確認できませんでした。イベントスタッフに新しいリンクか QR コードをもらうか、もう一度登録してください。',
  ],
  'lost.rotated.title': [
    'Signed out: a newer link replaced this one',
    'サインアウトしました：新しいリンクに置き換えられました',
  ],
  'lost.rotated.explain': [
    'Your pass was renewed (by you on another phone, or by the event staff), so the copy on this phone stopped working. Open the newest link you were given. If you do not have it, ask the event staff for a new link or QR code.',
    '参加証が（別の端末でご自身が、またはスタッフが）再発行されたため、この端末の参加証は使えなくなりました。最後に受け取ったリンクを開いてください。手元にない場合は、イベントスタッフに新しいリンクか QR コードをもらってください。',
  ],
  'lost.revoked.title': [
    'Signed out: the organisers withdrew this pass',
    'サインアウトしました：主催者が参加証を取り消しました',
  ],
  'lost.revoked.explain': [
    'The organisers withdrew the pass kept on this phone, for example after a phone was reported lost. Your photos are not lost. Ask at the reception desk for a new link or QR code.',
    'この端末の参加証は、主催者によって取り消されました（端末の紛失が届けられた場合など）。写真はなくなっていません。受付で新しいリンクか QR コードをもらってください。',
  ],
  'lost.reset': ['Start again', 'はじめからやり直す'],
  'lost.resetHint': [
    '“Start again” removes the old pass and the photos kept on this phone.',
    '「はじめからやり直す」と、古い参加証とこの端末に保存した写真を削除します。',
  ],

  'code.title': ['Your check-in code', 'あなたのチェックインコード'],
  'code.registered': ['You are registered, {name}.', '{name} さん、登録しました。'],
  'code.explain': [
    'Show this code to the staff when they photograph you. Turn the screen brightness up so it scans at arm’s length.',
    '撮影のとき、このコードをスタッフに見せてください。画面を明るくすると、腕を伸ばした距離でも読み取れます。',
  ],
  'code.label': ['Check-in QR code of {name}', '{name} さんのチェックイン QR コード'],
  'code.validUntil': ['Valid until {date}.', '{date} まで有効です。'],
  'code.expired': [
    'The code kept on this phone expired on {date}. Connect to the internet and try again for a new one, or ask at the reception desk.',
    'この端末に保存したコードは {date} に有効期限が切れました。インターネットにつないでもう一度お試しいただくか、受付で新しいものをもらってください。',
  ],
  'code.loading': ['Getting your check-in code…', 'チェックインコードを取得しています…'],
  'code.offline': [
    'You are offline: this is the code kept on this phone.',
    'オフラインです。この端末に保存したコードを表示しています。',
  ],
  'code.failed': [
    'Your check-in code could not be fetched. Check your connection and try again, or ask at the reception desk.',
    'チェックインコードを取得できませんでした。接続を確かめてもう一度お試しいただくか、受付でおたずねください。',
  ],
  'code.show': ['Show my check-in code', 'チェックインコードを表示'],
  'code.done': ['Continue to my photos', 'わたしの写真へ'],

  'photos.none': [
    'Not photographed yet. Your photo appears here as soon as the staff have taken it.',
    'まだ撮影されていません。スタッフが撮影すると、ここに写真が表示されます。',
  ],
  'photos.loading': ['Loading your photos…', '写真を読み込んでいます…'],
  'photos.imageFailed': ['This image could not be loaded.', 'この画像を読み込めませんでした。'],
  'photos.retry': ['Try again', 'もう一度'],
  'photos.kind.participant-photo': ['My photo', 'わたしの写真'],
  'photos.kind.event': ['Event photo', 'イベント写真'],
  'photos.kind.look': ['Look', 'ルック'],
  'photos.variant.original': ['Photo', '写真'],
  'photos.variant.clustered': ['Colour clusters', '色クラスタ'],
  'photos.variant.generated': ['Artwork', 'アート作品'],
  'photos.variant.processed': ['Finished', '完成'],
  'photos.variant.other': ['Image', '画像'],
  'photos.version': ['version {version}', '第 {version} 版'],
  'photos.alt': ['{kind} ({variant}, {version})', '{kind}（{variant}・{version}）'],
  'photos.status.clustering': ['Being painted in colour clusters…', '色クラスタで描いています…'],
  'photos.status.generating': ['An artwork is being made…', 'アート作品を作っています…'],
  'photos.status.failed': [
    'Processing this image failed; the staff can try again.',
    'この画像の処理に失敗しました。スタッフがやり直せます。',
  ],
  'photos.save': ['Save', '保存'],
  'photos.share': ['Share', '共有'],
  'photos.shareTitle': ['My event photo', 'イベントの写真'],
  'photos.like': ['Like', 'いいね'],
  'photos.offline': [
    'You are offline. These are the photos kept on this phone.',
    'オフラインです。この端末に保存された写真を表示しています。',
  ],

  'live.live': ['Live: new photos appear by themselves.', 'ライブ: 新しい写真は自動で表示されます。'],
  'live.polling': ['Checking for new photos every few seconds.', '数秒ごとに新しい写真を確認しています。'],
  'live.paused': [
    'Paused while the app is in the background.',
    'アプリがバックグラウンドの間は停止しています。',
  ],
  'live.connecting': ['Connecting…', '接続しています…'],

  'inbox.empty': [
    'No notifications yet. When someone likes your photo, you will see it here.',
    'お知らせはまだありません。あなたの写真に「いいね」が付くと、ここに表示されます。',
  ],
  'inbox.like.one': ['{name} liked your {kind}.', '{name} さんがあなたの{kind}に「いいね」しました。'],
  'inbox.like.many': [
    '{name} and {others} others liked your {kind}.',
    '{name} さんほか {others} 人があなたの{kind}に「いいね」しました。',
  ],
  'inbox.kind.photo': ['photo', '写真'],
  'inbox.kind.look': ['look', 'ルック'],
  'inbox.unread': ['New', '新着'],
  'inbox.markRead': ['Mark read', '既読にする'],
  'inbox.markAllRead': ['Mark all read', 'すべて既読にする'],
  'settings.push.title': ['Notifications on this phone', 'この端末への通知'],
  'settings.push.on': ['Notifications are on for this phone.', 'この端末への通知はオンです。'],
  'settings.push.off': [
    'Notifications are off for this phone. Turn them on to hear when someone likes your photo.',
    'この端末への通知はオフです。オンにすると、写真に「いいね」が付いたときにお知らせします。',
  ],
  'settings.push.unsupported': [
    'This browser cannot show notifications from the app. Add the app to your home screen or use another browser; your notifications still appear under Notifications.',
    'このブラウザではアプリからの通知を表示できません。ホーム画面に追加するか、別のブラウザをお使いください。お知らせはアプリの「お知らせ」に届きます。',
  ],
  'settings.push.blocked': [
    'Notifications are blocked for this app. Allow them in the browser’s site settings, then come back here.',
    'このアプリの通知はブロックされています。ブラウザのサイト設定で許可してから、もう一度ここに戻ってください。',
  ],
  'settings.push.failed': [
    'Notifications could not be turned on in this browser. Try again later; your notifications still appear under Notifications.',
    'このブラウザでは通知をオンにできませんでした。後でもう一度お試しください。お知らせはアプリの「お知らせ」に届きます。',
  ],
  'settings.push.turnOn': ['Turn on notifications', '通知をオンにする'],
  'settings.push.turnOff': ['Turn off notifications on this phone', 'この端末への通知をオフにする'],
  'settings.prefs.title': ['Where notifications go', '通知の届け先'],
  'settings.prefs.channels': ['Channels', '通知方法'],
  'settings.prefs.push': ['Push notifications', 'プッシュ通知'],
  'settings.prefs.email': ['E-mail', 'メール'],
  'settings.prefs.sms': ['SMS', 'SMS'],
  'settings.prefs.inApp': ['Notifications in the app are always on.', 'アプリ内のお知らせは常にオンです。'],
  'settings.prefs.emailAddress': [
    'E-mail address (empty: the one you registered)',
    'メールアドレス（空欄：登録したアドレス）',
  ],
  'settings.prefs.phone': [
    'Phone number for SMS, with country code (+819012345678)',
    'SMS を受け取る電話番号（国番号付き：+819012345678）',
  ],
  'settings.prefs.quietTitle': ['Quiet hours', 'おやすみ時間'],
  'settings.prefs.quiet': [
    'Hold push and SMS during quiet hours',
    'おやすみ時間はプッシュ通知と SMS を止める',
  ],
  'settings.prefs.quietStart': ['From', '開始'],
  'settings.prefs.quietEnd': ['Until', '終了'],
  'settings.prefs.timeZone': ['Times are in {timeZone}.', '時刻は {timeZone} の時刻です。'],
  'settings.prefs.save': ['Save', '保存する'],
  'settings.prefs.saving': ['Saving…', '保存しています…'],
  'settings.prefs.saved': ['Saved.', '保存しました。'],

  // The expression gallery and "delete my data".
  'gallery.title': ['Expression gallery', '表情ギャラリー'],
  'gallery.explain': [
    'Take a selfie: the gallery reads the expression on your face and picks event images to match. The selfie itself is never kept.',
    'セルフィーを撮ると、顔の表情を読み取って、それに合うイベント画像を選びます。セルフィーの画像は保存しません。',
  ],
  'gallery.consent': [
    'Remember my face, so the gallery recognises me on my next selfie',
    '顔を覚えて、次のセルフィーで私だと分かるようにする',
  ],
  'gallery.consentHint': [
    'Optional. Only a description of your face is kept (never the photo), until you delete your data or the event’s retention period ends. Unticked, nothing of your face is kept.',
    '任意です。保存するのは顔の特徴を表す数値だけで（写真は保存しません）、データを削除するか、イベントの保存期間が終わるまで残ります。チェックしなければ、顔の情報は何も残りません。',
  ],
  'gallery.start': ['Take a selfie', 'セルフィーを撮る'],
  'gallery.camera': ['Front camera', 'インカメラ'],
  'gallery.shutter': ['Take the selfie', '撮影する'],
  'gallery.cameraStarting': ['Opening the front camera…', 'インカメラを起動しています…'],
  'gallery.cameraBlocked': [
    'The camera is blocked for this app. Allow the camera in the browser’s site settings, then try again.',
    'このアプリのカメラが許可されていません。ブラウザのサイト設定でカメラを許可してから、もう一度お試しください。',
  ],
  'gallery.cameraMissing': [
    'The front camera could not be opened. Close other apps that use the camera and try again.',
    'インカメラを起動できませんでした。カメラを使っている他のアプリを閉じてから、もう一度お試しください。',
  ],
  'gallery.reading': ['Reading your expression…', '表情を読み取っています…'],
  'gallery.expression': ['Your expression: {expression}', 'あなたの表情：{expression}'],
  'gallery.confidence': ['{percent}% sure', '確からしさ {percent}%'],
  'gallery.recognised': [
    'Welcome back: the gallery recognised you.',
    'おかえりなさい。ギャラリーがあなたを認識しました。',
  ],
  'gallery.faceKept': ['Your face is remembered until {date}.', 'あなたの顔は {date} まで記憶されます。'],
  'gallery.faceNotKept': ['Your face was not kept.', 'あなたの顔の情報は保存していません。'],
  'gallery.again': ['Take another selfie', 'もう一度撮る'],
  'gallery.waitFor': ['Try again in {seconds} s', '{seconds} 秒後に撮れます'],
  'gallery.picks': ['Picked for you', 'あなたへのおすすめ'],
  'gallery.loading': ['Loading the gallery…', 'ギャラリーを読み込んでいます…'],
  'gallery.none': [
    'No images in the gallery yet. Come back later.',
    'ギャラリーにはまだ画像がありません。あとでまた見てください。',
  ],
  'gallery.itemAlt': ['Event image {n}', 'イベント画像 {n}'],
  'expr.neutral': ['neutral', '真顔'],
  'expr.happy': ['happy', '笑顔'],
  'expr.sad': ['sad', '悲しそうな顔'],
  'expr.angry': ['angry', '怒った顔'],
  'expr.fearful': ['fearful', 'こわがった顔'],
  'expr.disgusted': ['disgusted', 'いやそうな顔'],
  'expr.surprised': ['surprised', '驚いた顔'],
  'expr.confused': ['confused', '困った顔'],
  'erase.title': ['Delete my data', 'わたしのデータを削除'],
  'erase.explain': [
    'Deletes your face, your gallery and its likes from the server, and everything this app keeps on this phone: your pass, your kept photos and notifications. Your event photos stay with the organisers; open your link again to see them.',
    'サーバーからあなたの顔・ギャラリー・ギャラリーの「いいね」を削除し、このアプリがこの端末に保存したもの（参加証、保存した写真、お知らせ）をすべて消します。イベントの写真は主催者のもとに残ります。もう一度見るには、リンクを開き直してください。',
  ],
  'erase.start': ['Delete my data', 'データを削除する'],
  'erase.confirm': [
    'Delete everything now? This cannot be undone.',
    '今すぐすべて削除しますか？元に戻せません。',
  ],
  'erase.yes': ['Yes, delete everything', 'すべて削除する'],
  'erase.no': ['Keep my data', '削除しない'],
  'erase.working': ['Deleting…', '削除しています…'],
  'erase.done': [
    'Your data was deleted: the gallery forgot your face, and this phone keeps nothing of yours.',
    'データを削除しました。ギャラリーはあなたの顔を忘れ、この端末にはあなたの情報は残っていません。',
  ],
});

export type ParticipantMessageKey = keyof typeof PARTICIPANT_MESSAGES.en;
