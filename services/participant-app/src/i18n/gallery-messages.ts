import { catalogs } from '@photo/web/i18n/translator';

/** The expression gallery and "delete my data", merged into the app's catalog in messages.ts: [English, Japanese]. */
export const GALLERY_MESSAGES = catalogs({
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
