/** The processing worker's subscriptions (the seed's 画像処理サーバー): participants' photos recoloured onto palettes. */
export const SUBSCRIPTION = 'processing-worker.processing-requested';
/** The automation rule: a clustered participant photo gets a look when the event says so. */
export const AUTOMATION_SUBSCRIPTION = 'processing-worker.image-clustered';
