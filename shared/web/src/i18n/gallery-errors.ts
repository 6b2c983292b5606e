import type { ApiErrorCode } from '../api/errors';
import type { GalleryErrorCode } from '../api/gallery-client';
import type { Lang } from './languages';

/** The gallery's own codes; the ones it shares with the backend have their messages in api-errors.ts. */
export type GalleryOnlyErrorCode = Exclude<GalleryErrorCode, ApiErrorCode>;

/**
 * What each face gallery error code means to the person taking a selfie, and what to do next. Keyed by the codes
 * the generated gallery types list: a new one is a type error here until it has its messages.
 */
export const GALLERY_ERROR_MESSAGES: Readonly<Record<Lang, Readonly<Record<GalleryOnlyErrorCode, string>>>> =
  {
    en: {
      'ANALYSIS.NOT_FOUND': 'The selfie was read too long ago. Take the selfie again.',
      'FACE.NONE':
        'No face was found in the selfie. Hold the phone at arm’s length, face the light, and take it again.',
      'FACE.SEVERAL':
        'More than one face is in the selfie. Take it again with only your face in the picture.',
      'FACE.TOO_SMALL': 'Your face is too small in the picture. Come closer to the camera and take it again.',
      'FACE.SELFIE_REQUIRED': 'The gallery needs the selfie once more. Take the selfie again.',
      'GALLERY.ITEM_NOT_FOUND': 'This image has left the gallery. Show the gallery again.',
      'GALLERY.USER_NOT_FOUND': 'Your gallery is gone (it was deleted). Take a selfie to start a new one.',
    },
    ja: {
      'ANALYSIS.NOT_FOUND': 'セルフィーを読み取ってから時間がたちすぎました。もう一度撮ってください。',
      'FACE.NONE':
        'セルフィーに顔が見つかりませんでした。腕を伸ばして、明るい方を向いて、もう一度撮ってください。',
      'FACE.SEVERAL': 'セルフィーに複数の顔が写っています。自分の顔だけが写るように撮り直してください。',
      'FACE.TOO_SMALL': '顔が小さすぎます。カメラに近づいて、もう一度撮ってください。',
      'FACE.SELFIE_REQUIRED': 'ギャラリーにもう一度セルフィーが必要です。撮り直してください。',
      'GALLERY.ITEM_NOT_FOUND': 'この画像はギャラリーからなくなりました。ギャラリーを表示し直してください。',
      'GALLERY.USER_NOT_FOUND':
        'あなたのギャラリーはありません（削除されました）。セルフィーを撮ると新しく始まります。',
    },
  };

export const isGalleryOnlyErrorCode = (code: string): code is GalleryOnlyErrorCode =>
  code in GALLERY_ERROR_MESSAGES.en;
