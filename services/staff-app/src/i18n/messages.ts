import { catalogs } from '@photo/web/i18n/translator';

/** The staff app's own words, each key with its [English, Japanese]. */
export const STAFF_MESSAGES = catalogs({
  'app.title': ['Event Photo Staff', 'イベント撮影スタッフ'],
  'app.handled': ['{count} handled', '{count}人 対応'],
  'app.handledLabel': [
    'Participants handled on this device since login: {count}',
    'ログイン後にこの端末で対応した参加者: {count}人',
  ],
  'app.outbox': ['Outbox {count}', '送信待ち {count}'],
  'app.outboxLabel': ['Outbox: {count} photos waiting', '送信待ち: {count}枚'],

  'scan.title': ['Scan a participant', '参加者のQRを読み取る'],
  'scan.hint': ['Hold the participant’s QR code in the frame.', '参加者のQRコードを枠の中に入れてください。'],
  'scan.preview': ['Camera preview', 'カメラのプレビュー'],
  'scan.manual': ['Type the code instead', 'コードを手入力する'],
  'scan.manualLabel': ['Participant code (starts with PQR1.)', '参加者コード(PQR1. で始まる)'],
  'scan.manualSubmit': ['Check', '確認'],
  'scan.checking': ['Checking…', '確認中…'],
  'scan.next': ['Scan next', '次を読み取る'],
  'scan.camera.CAMERA.DENIED': [
    'The camera is blocked. Allow camera access for this site in the browser settings, or type the code below.',
    'カメラが許可されていません。ブラウザの設定でこのサイトのカメラを許可するか、下にコードを入力してください。',
  ],
  'scan.camera.CAMERA.NOT_FOUND': [
    'No camera found on this device. Type the code below.',
    'この端末にカメラが見つかりません。下にコードを入力してください。',
  ],
  'scan.camera.CAMERA.UNAVAILABLE': [
    'The camera cannot be started. Close other camera apps, or type the code below.',
    'カメラを起動できません。カメラを使う他のアプリを閉じるか、下にコードを入力してください。',
  ],
  'scan.error.QR.INVALID': ['Not a code of this event', 'このイベントのコードではありません'],
  'scan.error.QR.EXPIRED': ['Expired code', '期限切れのコードです'],
  'scan.error.PARTICIPANT.NOT_FOUND': ['Unknown participant', '参加者が見つかりません'],
  'scan.error.REQUEST.INVALID': ['Not a participant code', '参加者コードではありません'],
  'scan.error.other': ['Could not check this code', 'このコードを確認できませんでした'],

  'card.answer.new': ['OK — not photographed yet', 'OK — まだ撮影していません'],
  'card.answer.photographed': ['Already photographed — check the face', '撮影済み — 顔を確認してください'],
  'card.status': ['Status', '状態'],
  'card.version': ['Photo version', '写真のバージョン'],
  'card.status.not-photographed': ['Not photographed', '未撮影'],
  'card.status.photographed': ['Photographed', '撮影済み'],
  'card.currentPhoto': ['Current photo of {name}', '{name} さんの現在の写真'],
  'card.photoFailed': [
    'The current photo could not be shown. Scan again to see it.',
    '現在の写真を表示できませんでした。もう一度読み取ると表示されます。',
  ],
  'card.take': ['Take photo', '撮影する'],
  'card.overwrite': ['Overwrite photo', '写真を撮り直す(上書き)'],
  'card.overwriteAsk': [
    'Replace version {version} with a new photo?',
    'バージョン{version}を新しい写真で上書きしますか?',
  ],
  'card.overwriteConfirm': ['Yes, take a new photo', 'はい、撮り直す'],

  'capture.title': ['Photo of {name}', '{name} さんを撮影'],
  'capture.shutter': ['Take the photo', '撮影'],
  'capture.back': ['Back', '戻る'],

  'review.title': ['Check the photo', '写真の確認'],
  'review.image': ['The photo just taken of {name}', '撮影した {name} さんの写真'],
  'review.accept': ['Use this photo', 'この写真を使う'],
  'review.retake': ['Retake', '撮り直す'],

  'upload.title': ['Uploading', 'アップロード'],
  'upload.progress': ['Upload progress', 'アップロードの進み具合'],
  'upload.sending': ['Sending the photo of {name}…', '{name} さんの写真を送信中…'],
  'upload.waiting': [
    'Saved on this phone. It will be uploaded when the server answers again.',
    'この端末に保存しました。サーバーが応答したら自動でアップロードします。',
  ],
  'upload.done': ['Photo saved', '写真を保存しました'],
  'upload.doneVersion': ['{name}: version {version}', '{name} さん: バージョン{version}'],
  'upload.failed': ['The photo was refused: {reason}', '写真が受け付けられませんでした: {reason}'],
  'upload.next': ['Next participant', '次の参加者へ'],
  'upload.toOutbox': ['Open the outbox', '送信待ちを開く'],

  'conflict.title': ['Someone else photographed {name}', '{name} さんは他のスタッフが撮影しました'],
  'conflict.lead': [
    'While your photo waited, version {version} was saved. Check it, then decide.',
    'あなたの写真が送信待ちの間に、バージョン{version}が保存されました。確認して選んでください。',
  ],
  'conflict.current': [
    'Version {version} of {name}, saved meanwhile',
    'その間に保存された {name} さんのバージョン{version}',
  ],
  'conflict.yours': ['Your photo', 'あなたの写真'],
  'conflict.overwrite': ['Replace it with my photo', '自分の写真で上書きする'],
  'conflict.discard': ['Keep theirs, discard mine', '今の写真を残し、自分の写真は破棄する'],
  'conflict.loading': ['Checking the current photo…', '現在の写真を確認中…'],

  'outbox.title': ['Outbox', '送信待ち'],
  'outbox.empty': ['Every photo is on the server.', 'すべての写真がサーバーに届いています。'],
  'outbox.summary': [
    '{waiting} waiting, {failed} refused, {conflict} to check, {done} uploaded',
    '待機 {waiting}・拒否 {failed}・要確認 {conflict}・送信済み {done}',
  ],
  'outbox.retryAll': ['Retry now', '今すぐ再送'],
  'outbox.resolve': ['Check', '確認する'],
  'outbox.discard': ['Discard', '破棄'],
  'outbox.discardAsk': [
    'Discard the photo of {name}? It is not on the server and cannot be recovered.',
    '{name} さんの写真を破棄しますか?サーバーに届いておらず、元に戻せません。',
  ],
  'outbox.discardConfirm': ['Yes, discard', 'はい、破棄する'],
  'outbox.keep': ['Keep', '残す'],
  'outbox.back': ['Back to scanning', '読み取りに戻る'],
  'outbox.attempts': ['{count} attempts', '{count}回試行'],
  'outbox.takenAt': ['Taken {time}', '{time} 撮影'],
  'outbox.state.pending': ['Waiting', '送信待ち'],
  'outbox.state.uploading': ['Uploading', '送信中'],
  'outbox.state.failed': ['Refused', '拒否されました'],
  'outbox.state.conflict': ['Photographed by someone else', '他のスタッフが撮影済み'],
  'outbox.state.done': ['Uploaded (version {version})', '送信済み(バージョン{version})'],

  'error.AUTH.LOGIN_REQUIRED': [
    'Your login has ended. Log in again; waiting photos are kept.',
    'ログインの期限が切れました。もう一度ログインしてください。送信待ちの写真は残っています。',
  ],
});

export type StaffMessageKey = keyof typeof STAFF_MESSAGES.en;
