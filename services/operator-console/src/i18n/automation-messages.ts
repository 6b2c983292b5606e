import type { Catalog, Catalogs } from '@photo/web/i18n/translator';

/** The words of the console's automation settings, looks, previews and live pipeline. */
const en = {
  'nav.automation': 'Automation',
  'audit.action.automation.updated': 'Changed the automation',

  'automation.title': 'Automation of the colour chain',
  'automation.intro':
    'The workers apply these rules to every image clustered from now on, once per image version. Each image’s history says what they did.',
  'automation.generate': 'Generate each event image automatically once it is clustered',
  'automation.looks': 'Looks for each participant photo once it is clustered',
  'automation.looks.off': 'No automatic looks',
  'automation.looks.newest': 'From the newest event palettes',
  'automation.looks.pinned': 'From the palettes pinned below',
  'automation.newest': 'How many of the newest palettes (1–8)',
  'automation.pinned': 'Pinned palettes',
  'automation.pinnedHint': 'Choose up to 8. Needed for looks from pinned palettes.',
  'automation.olderPinned': 'Pinned palettes older than the list (untick to unpin)',
  'automation.save': 'Save the automation',
  'automation.saved': 'Saved. Images clustered from now on follow these rules.',
  'automation.lastSaved': 'Last saved {time} by {who}.',
  'automation.neverSaved': 'Never saved: everything is off.',
  'automation.pinNeeded': 'Pin at least one palette, or choose another source for looks.',

  'palettes.none': 'No event palettes yet: upload event images and wait until they are clustered.',
  'palettes.choose': 'Choose palette {n}: {colours}',
  'palettes.list': 'Event palettes, newest first',

  'looks.title': 'Make looks',
  'looks.intro':
    'Recolour the photos of the chosen participants onto the chosen palettes. Each look appears on that participant’s phone.',
  'looks.participants': 'Participants with a photo',
  'looks.noParticipants': 'No participant has a photo yet.',
  'looks.participant': '{name}',
  'looks.palettes': 'Palettes (up to 8)',
  'looks.make': 'Make looks for {people} participants from {palettes} palettes',
  'looks.made': 'Looks requested for {count} participants. They appear on their phones in a few seconds.',
  'looks.failedFor': 'Not made for {name}:',

  'images.live.live': 'Live: changes arrive as they happen.',
  'images.live.polling': 'The live connection is down: the list is checked every 2 seconds.',
  'images.live.connecting': 'Connecting to the live pipeline…',
  'images.trail': 'Steps so far',
  'images.previews': 'What the pipeline made',
  'images.preview.clustered': 'Clustered image of {id}',
  'images.preview.generated': 'Generated image of {id}',
  'images.preview.none': 'Nothing to show yet: the clustered image appears once the image is clustered.',
} as const satisfies Record<string, string>;

export type AutomationMessageKey = keyof typeof en;

const ja: Catalog<AutomationMessageKey> = {
  'nav.automation': '自動化',
  'audit.action.automation.updated': '自動化を変更',

  'automation.title': '色処理の自動化',
  'automation.intro':
    'ワーカーは、これから色分析される画像すべてにこのルールを適用します（画像のバージョンごとに 1 回）。何をしたかは各画像の履歴に残ります。',
  'automation.generate': 'イベント画像を色分析後に自動で生成する',
  'automation.looks': '参加者の写真の色分析後に作るルック',
  'automation.looks.off': '自動のルックは作らない',
  'automation.looks.newest': '最新のイベントパレットから',
  'automation.looks.pinned': '下で固定したパレットから',
  'automation.newest': '最新パレットの数（1〜8）',
  'automation.pinned': '固定するパレット',
  'automation.pinnedHint': '8 個まで選べます。固定パレットからルックを作るときに必要です。',
  'automation.olderPinned': '一覧より古い固定パレット（チェックを外すと固定を解除）',
  'automation.save': '自動化を保存',
  'automation.saved': '保存しました。これから色分析される画像はこのルールに従います。',
  'automation.lastSaved': '最終保存: {time}（{who}）',
  'automation.neverSaved': 'まだ保存されていません。すべてオフです。',
  'automation.pinNeeded': 'パレットを 1 つ以上固定するか、ルックの作り方を変えてください。',

  'palettes.none':
    'イベントパレットはまだありません。イベント画像をアップロードし、色分析が終わるのを待ってください。',
  'palettes.choose': 'パレット {n} を選ぶ: {colours}',
  'palettes.list': 'イベントパレット（新しい順）',

  'looks.title': 'ルックを作る',
  'looks.intro':
    '選んだ参加者の写真を、選んだパレットの色に塗り替えます。ルックは各参加者のスマートフォンに届きます。',
  'looks.participants': '写真のある参加者',
  'looks.noParticipants': '写真のある参加者はまだいません。',
  'looks.participant': '{name}',
  'looks.palettes': 'パレット（8 個まで）',
  'looks.make': '{people} 人の参加者に {palettes} 個のパレットでルックを作る',
  'looks.made': '{count} 人のルックを依頼しました。数秒で各自のスマートフォンに届きます。',
  'looks.failedFor': '{name} には作れませんでした:',

  'images.live.live': 'ライブ: 変化はすぐに届きます。',
  'images.live.polling': 'ライブ接続が切れています。一覧を 2 秒ごとに確認しています。',
  'images.live.connecting': 'ライブのパイプラインに接続中…',
  'images.trail': 'これまでの処理',
  'images.previews': 'パイプラインが作った画像',
  'images.preview.clustered': '{id} の色分析画像',
  'images.preview.generated': '{id} の生成画像',
  'images.preview.none': 'まだ表示できるものはありません。色分析が終わると色分析画像が表示されます。',
};

export const AUTOMATION_MESSAGES: Catalogs<AutomationMessageKey> = { en, ja };
