import { catalogs } from '@photo/web/i18n/translator';

/** The words of the console's automation settings, looks, previews and live pipeline: [English, Japanese]. */
export const AUTOMATION_MESSAGES = catalogs({
  'nav.automation': ['Automation', '自動化'],
  'audit.action.automation.updated': ['Changed the automation', '自動化を変更'],

  'automation.title': ['Automation of the colour chain', '色処理の自動化'],
  'automation.intro': [
    'The workers apply these rules to every image clustered from now on, once per image version. Each image’s history says what they did.',
    'ワーカーは、これから色分析される画像すべてにこのルールを適用します（画像のバージョンごとに 1 回）。何をしたかは各画像の履歴に残ります。',
  ],
  'automation.generate': [
    'Generate each event image automatically once it is clustered',
    'イベント画像を色分析後に自動で生成する',
  ],
  'automation.looks': [
    'Looks for each participant photo once it is clustered',
    '参加者の写真の色分析後に作るルック',
  ],
  'automation.looks.off': ['No automatic looks', '自動のルックは作らない'],
  'automation.looks.newest': ['From the newest event palettes', '最新のイベントパレットから'],
  'automation.looks.pinned': ['From the palettes pinned below', '下で固定したパレットから'],
  'automation.newest': ['How many of the newest palettes (1–8)', '最新パレットの数（1〜8）'],
  'automation.pinned': ['Pinned palettes', '固定するパレット'],
  'automation.pinnedHint': [
    'Choose up to 8. Needed for looks from pinned palettes.',
    '8 個まで選べます。固定パレットからルックを作るときに必要です。',
  ],
  'automation.olderPinned': [
    'Pinned palettes older than the list (untick to unpin)',
    '一覧より古い固定パレット（チェックを外すと固定を解除）',
  ],
  'automation.save': ['Save the automation', '自動化を保存'],
  'automation.saved': [
    'Saved. Images clustered from now on follow these rules.',
    '保存しました。これから色分析される画像はこのルールに従います。',
  ],
  'automation.lastSaved': ['Last saved {time} by {who}.', '最終保存: {time}（{who}）'],
  'automation.neverSaved': ['Never saved: everything is off.', 'まだ保存されていません。すべてオフです。'],
  'automation.pinNeeded': [
    'Pin at least one palette, or choose another source for looks.',
    'パレットを 1 つ以上固定するか、ルックの作り方を変えてください。',
  ],

  'palettes.none': [
    'No event palettes yet: upload event images and wait until they are clustered.',
    'イベントパレットはまだありません。イベント画像をアップロードし、色分析が終わるのを待ってください。',
  ],
  'palettes.choose': ['Choose palette {n}: {colours}', 'パレット {n} を選ぶ: {colours}'],
  'palettes.list': ['Event palettes, newest first', 'イベントパレット（新しい順）'],

  'looks.title': ['Make looks', 'ルックを作る'],
  'looks.intro': [
    'Recolour the photos of the chosen participants onto the chosen palettes. Each look appears on that participant’s phone.',
    '選んだ参加者の写真を、選んだパレットの色に塗り替えます。ルックは各参加者のスマートフォンに届きます。',
  ],
  'looks.participants': ['Participants with a photo', '写真のある参加者'],
  'looks.noParticipants': ['No participant has a photo yet.', '写真のある参加者はまだいません。'],
  'looks.participant': ['{name}', '{name}'],
  'looks.palettes': ['Palettes (up to 8)', 'パレット（8 個まで）'],
  'looks.make': [
    'Make looks for {people} participants from {palettes} palettes',
    '{people} 人の参加者に {palettes} 個のパレットでルックを作る',
  ],
  'looks.made': [
    'Looks requested for {count} participants. They appear on their phones in a few seconds.',
    '{count} 人のルックを依頼しました。数秒で各自のスマートフォンに届きます。',
  ],
  'looks.failedFor': ['Not made for {name}:', '{name} には作れませんでした:'],

  'images.live.live': ['Live: changes arrive as they happen.', 'ライブ: 変化はすぐに届きます。'],
  'images.live.polling': [
    'The live connection is down: the list is checked every 2 seconds.',
    'ライブ接続が切れています。一覧を 2 秒ごとに確認しています。',
  ],
  'images.live.connecting': ['Connecting to the live pipeline…', 'ライブのパイプラインに接続中…'],
  'images.trail': ['Steps so far', 'これまでの処理'],
  'images.previews': ['What the pipeline made', 'パイプラインが作った画像'],
  'images.preview.clustered': ['Clustered image of {id}', '{id} の色分析画像'],
  'images.preview.generated': ['Generated image of {id}', '{id} の生成画像'],
  'images.preview.none': [
    'Nothing to show yet: the clustered image appears once the image is clustered.',
    'まだ表示できるものはありません。色分析が終わると色分析画像が表示されます。',
  ],
});

export type AutomationMessageKey = keyof typeof AUTOMATION_MESSAGES.en;
