import type { Catalog, Catalogs } from '@photo/web/i18n/translator';

/** What the staff app's calls need: read the card (check-in) and upload the photo. */
export const PERMISSIONS_NEEDED = ['checkin:participants', 'upload:photos'] as const;

const en = {
  'app.title': 'Event Photo Staff',
  'home.title': 'Ready',
  'home.ready': 'You are logged in with the staff permission.',
} as const satisfies Record<string, string>;

export type StaffKey = keyof typeof en;

const ja: Catalog<StaffKey> = {
  'app.title': 'イベント撮影スタッフ',
  'home.title': '準備完了',
  'home.ready': 'スタッフ権限でログインしています。',
};

export const STAFF_MESSAGES: Catalogs<StaffKey> = { en, ja };
