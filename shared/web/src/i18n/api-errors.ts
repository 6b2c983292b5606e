import type { ApiErrorCode } from '../api/errors';
import type { Lang } from './languages';

/**
 * What each API error code means to the person holding the device, and what to do next, in every language. Keyed
 * by the codes the generated types list for the operations the apps call: a new code in the API is a type error
 * here until it has its messages (and a unit test checks the same against docs/openapi.json).
 */
export const API_ERROR_MESSAGES: Readonly<Record<Lang, Readonly<Record<ApiErrorCode, string>>>> = {
  en: {
    'AUTH.UNAUTHENTICATED': 'You are not logged in, or your login is no longer valid. Log in again.',
    'AUTH.TOKEN_EXPIRED': 'Your login has expired. Log in again; nothing you entered is lost.',
    'AUTH.TOKEN_ROTATED':
      'You were signed out here because a newer link replaced this one. Open the newest link you were given.',
    'AUTH.TOKEN_REVOKED':
      'The organisers withdrew this device’s access (for example after a lost phone). Ask at the reception desk for a new link.',
    'AUTH.FORBIDDEN':
      'This account may not do this. Ask an operator to give it the right role, or log in with another account.',
    'DEAD_LETTER.NOT_FOUND': 'This dead letter is gone (already replayed or cleared). Refresh the list.',
    'DEPENDENCY.FAILED':
      'A server behind this one failed. Wait a moment and try again; if it keeps failing, tell an operator.',
    'IMAGE.IDEMPOTENCY_KEY_REUSED':
      'This upload was mixed up with another one. Take or choose the image again and upload it.',
    'IMAGE.INVALID':
      'The file is not a readable image (damaged or not a photo). Take the photo again or choose another file.',
    'IMAGE.NOT_FOUND': 'This image does not exist (any more). Refresh and try again.',
    'IMAGE.NOT_READY': 'This image is still being processed. Wait until it is ready, then try again.',
    'IMAGE.TOO_MANY_PIXELS':
      'The image is too large (too many pixels). Use a smaller image or a lower camera resolution.',
    'IMAGE.TYPE_NOT_ALLOWED': 'This kind of image is not accepted. Use a JPEG, PNG, WebP or AVIF file.',
    'IMAGE.VARIANT_NOT_FOUND': 'This version of the image is not available yet. Wait a moment and try again.',
    'IMAGE.VERSION_CONFLICT':
      'Someone else changed this photo meanwhile. Look at the current photo, then decide again.',
    'IMPORT.INVALID':
      'Some rows are not valid, so nothing was imported. Fix the rows listed and import again.',
    INTERNAL: 'Something went wrong on the server. Try again; if it keeps happening, tell an operator.',
    'NOTIFICATION.NOT_FOUND': 'This notification is gone. Refresh your inbox.',
    'PALETTE.NOT_FOUND': 'This palette does not exist (any more). Refresh and choose another one.',
    'PARTICIPANT.ALREADY_EXISTS':
      'A participant with this reference already exists. Search for them instead of adding them again.',
    'PARTICIPANT.NOT_FOUND': 'This participant is not registered. Send them to the reception desk.',
    'QR.EXPIRED': 'This QR code has expired. Send the participant to the reception desk for a new one.',
    'QR.INVALID':
      'This QR code is not one of this event’s. Check it is the event badge; if it is, reprint it at the reception desk.',
    'RATE.LIMITED': 'Too many requests in a short time. Wait a moment, then try again.',
    'REGISTRATION.CLOSED':
      'This event does not take registrations from the app. Ask the event staff for your link or QR code.',
    'REQUEST.EMPTY_BODY': 'The image was empty. Take the photo again.',
    'REQUEST.INVALID': 'Some of what was entered is not valid. Check the fields and try again.',
    'REQUEST.INVALID_CURSOR': 'The list is out of date. Refresh it.',
    'REQUEST.MALFORMED_JSON':
      'The app sent something the server could not read. Reload the page and try again.',
    'REQUEST.TOO_LARGE': 'This is too large to send. Use a smaller file.',
    'REQUEST.UNSUPPORTED_MEDIA_TYPE': 'This kind of file is not accepted here. Choose another file.',
    'SERVICE.UNAVAILABLE': 'The service is unavailable for a moment. Wait a little and try again.',
    'UPLOAD.CALLBACK_URL_REFUSED': 'The upload settings were refused. Reload the page and try again.',
    'UPLOAD.NOT_FOUND': 'This upload is gone. Upload the image again.',
    'UPLOAD.QUOTA_EXCEEDED': 'Too many uploads are waiting. Wait until some finish, then try again.',
    'UPLOAD.TOO_LARGE': 'The file is too large to upload. Use a smaller image.',
    'UPLOAD.TYPE_NOT_ALLOWED': 'This kind of file cannot be uploaded. Use a JPEG, PNG, WebP or AVIF image.',
  },
  ja: {
    'AUTH.UNAUTHENTICATED':
      'ログインしていないか、ログインが無効になりました。もう一度ログインしてください。',
    'AUTH.TOKEN_EXPIRED':
      'ログインの有効期限が切れました。もう一度ログインしてください。入力した内容は失われません。',
    'AUTH.TOKEN_ROTATED':
      '新しいリンクに置き換えられたため、この端末ではサインアウトしました。最新のリンクを開いてください。',
    'AUTH.TOKEN_REVOKED':
      '主催者がこの端末のアクセスを取り消しました(紛失した端末など)。受付で新しいリンクを受け取ってください。',
    'AUTH.FORBIDDEN':
      'このアカウントではこの操作はできません。運営者に権限を付けてもらうか、別のアカウントでログインしてください。',
    'DEAD_LETTER.NOT_FOUND':
      'このデッドレターはもうありません（再実行済みか削除済み）。一覧を更新してください。',
    'DEPENDENCY.FAILED':
      '裏側のサーバーでエラーが起きました。少し待ってからやり直してください。続く場合は運営者に伝えてください。',
    'IMAGE.IDEMPOTENCY_KEY_REUSED':
      'このアップロードが別のものと混同されました。画像を撮り直すか選び直して、もう一度アップロードしてください。',
    'IMAGE.INVALID':
      '画像として読み取れないファイルです（壊れているか写真ではありません）。撮り直すか、別のファイルを選んでください。',
    'IMAGE.NOT_FOUND': 'この画像は存在しません。画面を更新してやり直してください。',
    'IMAGE.NOT_READY': 'この画像はまだ処理中です。準備ができてからやり直してください。',
    'IMAGE.TOO_MANY_PIXELS':
      '画像が大きすぎます（画素数が多すぎます）。小さい画像を使うか、カメラの解像度を下げてください。',
    'IMAGE.TYPE_NOT_ALLOWED':
      'この種類の画像は受け付けていません。JPEG・PNG・WebP・AVIF のいずれかを使ってください。',
    'IMAGE.VARIANT_NOT_FOUND': 'この画像の版はまだできていません。少し待ってからやり直してください。',
    'IMAGE.VERSION_CONFLICT':
      'その間に他の人がこの写真を変更しました。今の写真を確認してから、もう一度決めてください。',
    'IMPORT.INVALID':
      '正しくない行があるため、何も取り込んでいません。示された行を直して、もう一度取り込んでください。',
    INTERNAL: 'サーバーでエラーが起きました。やり直してください。続く場合は運営者に伝えてください。',
    'NOTIFICATION.NOT_FOUND': 'この通知はもうありません。受信箱を更新してください。',
    'PALETTE.NOT_FOUND': 'このパレットは存在しません。画面を更新して、別のパレットを選んでください。',
    'PARTICIPANT.ALREADY_EXISTS': 'この番号の参加者はすでに登録されています。追加せずに検索してください。',
    'PARTICIPANT.NOT_FOUND': 'この参加者は登録されていません。受付へ案内してください。',
    'QR.EXPIRED':
      'この QR コードは有効期限が切れています。参加者を受付へ案内し、新しいものを発行してもらってください。',
    'QR.INVALID':
      'このイベントの QR コードではありません。イベントのバッジか確認し、そうであれば受付で再印刷してください。',
    'RATE.LIMITED': '短い時間に操作が多すぎます。少し待ってから、もう一度お試しください。',
    'REGISTRATION.CLOSED':
      'このイベントではアプリからの登録を受け付けていません。スタッフにリンクか QR コードをもらってください。',
    'REQUEST.EMPTY_BODY': '画像が空でした。撮り直してください。',
    'REQUEST.INVALID': '入力内容に正しくないものがあります。確認してやり直してください。',
    'REQUEST.INVALID_CURSOR': '一覧が古くなっています。更新してください。',
    'REQUEST.MALFORMED_JSON':
      'アプリがサーバーの読めないデータを送りました。ページを再読み込みしてやり直してください。',
    'REQUEST.TOO_LARGE': '大きすぎて送れません。小さいファイルを使ってください。',
    'REQUEST.UNSUPPORTED_MEDIA_TYPE':
      'この種類のファイルはここでは受け付けていません。別のファイルを選んでください。',
    'SERVICE.UNAVAILABLE': 'サービスが一時的に利用できません。少し待ってからやり直してください。',
    'UPLOAD.CALLBACK_URL_REFUSED':
      'アップロードの設定が受け付けられませんでした。ページを再読み込みしてやり直してください。',
    'UPLOAD.NOT_FOUND': 'このアップロードはもうありません。画像をもう一度アップロードしてください。',
    'UPLOAD.QUOTA_EXCEEDED': '待機中のアップロードが多すぎます。いくつか終わってからやり直してください。',
    'UPLOAD.TOO_LARGE': 'ファイルが大きすぎてアップロードできません。小さい画像を使ってください。',
    'UPLOAD.TYPE_NOT_ALLOWED':
      'この種類のファイルはアップロードできません。JPEG・PNG・WebP・AVIF の画像を使ってください。',
  },
};

export const isApiErrorCode = (code: string): code is ApiErrorCode => code in API_ERROR_MESSAGES.en;
