import type { Catalog } from '@photo/web/i18n/translator';

/** The expression gallery's words and "delete my data" (merged into the app's catalog in messages.ts). */
export const GALLERY_EN = {
  'gallery.title': 'Expression gallery',
  'gallery.explain':
    'Take a selfie: the gallery reads the expression on your face and picks event images to match. The selfie itself is never kept.',
  'gallery.consent': 'Remember my face, so the gallery recognises me on my next selfie',
  'gallery.consentHint':
    'Optional. Only a description of your face is kept (never the photo), until you delete your data or the event’s retention period ends. Unticked, nothing of your face is kept.',
  'gallery.start': 'Take a selfie',
  'gallery.camera': 'Front camera',
  'gallery.shutter': 'Take the selfie',
  'gallery.cameraStarting': 'Opening the front camera…',
  'gallery.cameraBlocked':
    'The camera is blocked for this app. Allow the camera in the browser’s site settings, then try again.',
  'gallery.cameraMissing':
    'The front camera could not be opened. Close other apps that use the camera and try again.',
  'gallery.reading': 'Reading your expression…',
  'gallery.expression': 'Your expression: {expression}',
  'gallery.confidence': '{percent}% sure',
  'gallery.recognised': 'Welcome back: the gallery recognised you.',
  'gallery.faceKept': 'Your face is remembered until {date}.',
  'gallery.faceNotKept': 'Your face was not kept.',
  'gallery.again': 'Take another selfie',
  'gallery.waitFor': 'Try again in {seconds} s',
  'gallery.picks': 'Picked for you',
  'gallery.loading': 'Loading the gallery…',
  'gallery.none': 'No images in the gallery yet. Come back later.',
  'gallery.itemAlt': 'Event image {n}',
  'expr.neutral': 'neutral',
  'expr.happy': 'happy',
  'expr.sad': 'sad',
  'expr.angry': 'angry',
  'expr.fearful': 'fearful',
  'expr.disgusted': 'disgusted',
  'expr.surprised': 'surprised',
  'expr.confused': 'confused',
  'erase.title': 'Delete my data',
  'erase.explain':
    'Deletes your face, your gallery and its likes from the server, and everything this app keeps on this phone: your pass, your kept photos and notifications. Your event photos stay with the organisers; open your link again to see them.',
  'erase.start': 'Delete my data',
  'erase.confirm': 'Delete everything now? This cannot be undone.',
  'erase.yes': 'Yes, delete everything',
  'erase.no': 'Keep my data',
  'erase.working': 'Deleting…',
  'erase.done': 'Your data was deleted: the gallery forgot your face, and this phone keeps nothing of yours.',
} as const satisfies Record<string, string>;

export const GALLERY_JA: Catalog<keyof typeof GALLERY_EN> = {
  'gallery.title': '表情ギャラリー',
  'gallery.explain':
    'セルフィーを撮ると、顔の表情を読み取って、それに合うイベント画像を選びます。セルフィーの画像は保存しません。',
  'gallery.consent': '顔を覚えて、次のセルフィーで私だと分かるようにする',
  'gallery.consentHint':
    '任意です。保存するのは顔の特徴を表す数値だけで（写真は保存しません）、データを削除するか、イベントの保存期間が終わるまで残ります。チェックしなければ、顔の情報は何も残りません。',
  'gallery.start': 'セルフィーを撮る',
  'gallery.camera': 'インカメラ',
  'gallery.shutter': '撮影する',
  'gallery.cameraStarting': 'インカメラを起動しています…',
  'gallery.cameraBlocked':
    'このアプリのカメラが許可されていません。ブラウザのサイト設定でカメラを許可してから、もう一度お試しください。',
  'gallery.cameraMissing':
    'インカメラを起動できませんでした。カメラを使っている他のアプリを閉じてから、もう一度お試しください。',
  'gallery.reading': '表情を読み取っています…',
  'gallery.expression': 'あなたの表情：{expression}',
  'gallery.confidence': '確からしさ {percent}%',
  'gallery.recognised': 'おかえりなさい。ギャラリーがあなたを認識しました。',
  'gallery.faceKept': 'あなたの顔は {date} まで記憶されます。',
  'gallery.faceNotKept': 'あなたの顔の情報は保存していません。',
  'gallery.again': 'もう一度撮る',
  'gallery.waitFor': '{seconds} 秒後に撮れます',
  'gallery.picks': 'あなたへのおすすめ',
  'gallery.loading': 'ギャラリーを読み込んでいます…',
  'gallery.none': 'ギャラリーにはまだ画像がありません。あとでまた見てください。',
  'gallery.itemAlt': 'イベント画像 {n}',
  'expr.neutral': '真顔',
  'expr.happy': '笑顔',
  'expr.sad': '悲しそうな顔',
  'expr.angry': '怒った顔',
  'expr.fearful': 'こわがった顔',
  'expr.disgusted': 'いやそうな顔',
  'expr.surprised': '驚いた顔',
  'expr.confused': '困った顔',
  'erase.title': 'わたしのデータを削除',
  'erase.explain':
    'サーバーからあなたの顔・ギャラリー・ギャラリーの「いいね」を削除し、このアプリがこの端末に保存したもの（参加証、保存した写真、お知らせ）をすべて消します。イベントの写真は主催者のもとに残ります。もう一度見るには、リンクを開き直してください。',
  'erase.start': 'データを削除する',
  'erase.confirm': '今すぐすべて削除しますか？元に戻せません。',
  'erase.yes': 'すべて削除する',
  'erase.no': '削除しない',
  'erase.working': '削除しています…',
  'erase.done':
    'データを削除しました。ギャラリーはあなたの顔を忘れ、この端末にはあなたの情報は残っていません。',
};
