import { catalogs, mergeCatalogs, type Catalogs } from '@photo/web/i18n/translator';
import { HEALTH_MESSAGES, type HealthMessageKey } from './health-messages';

/** The console's own words, each key with its [English, Japanese]. */
const OWN_MESSAGES = catalogs({
  'app.title': ['Operator Console', '運営コンソール'],

  'nav.participants': ['Participants', '参加者'],
  'nav.badges': ['QR badges', 'QR バッジ'],
  'nav.images': ['Event images', 'イベント画像'],
  'nav.nothing': [
    'This account may use none of the console’s sections yet. Ask the event owner for a role.',
    'このアカウントで使えるコンソールの機能はまだありません。イベントの責任者に権限を付けてもらってください。',
  ],

  'participants.search': ['Search', '検索'],
  'participants.searchHint': ['Name or reference', '名前または参照番号'],
  'participants.filter': ['Photo', '撮影'],
  'participants.filter.any': ['Everyone', '全員'],
  'participants.filter.yes': ['Photographed', '撮影済み'],
  'participants.filter.no': ['Not photographed yet', '未撮影'],
  'participants.order': ['Order', '並び順'],
  'participants.order.newest': ['Newest first', '新しい順'],
  'participants.order.oldest': ['Oldest first', '古い順'],
  'participants.shown': ['{count} participants', '参加者 {count} 人'],
  'participants.shownMore': ['{count} participants shown; more below', '{count} 人を表示中。続きがあります'],
  'participants.more': ['Show more', 'さらに表示'],
  'participants.table': ['Participants', '参加者一覧'],
  'participants.name': ['Name', '名前'],
  'participants.externalRef': ['Reference', '参照番号'],
  'participants.email': ['E-mail', 'メール'],
  'participants.status': ['Photo', '撮影'],
  'participants.actions': ['Actions', '操作'],
  'participants.photographed': ['Photographed (v{version})', '撮影済み（v{version}）'],
  'participants.notPhotographed': ['Not yet', '未撮影'],
  'participants.badge': ['Badge', 'バッジ'],
  'participants.badgeFor': ['Print the badge of {name}', '{name} さんのバッジを印刷'],
  'participants.export': ['Export CSV', 'CSV を書き出す'],
  'participants.exporting': ['Exporting… {count}', '書き出し中… {count}'],
  'participants.printBadges': ['Print badges of this list', 'この一覧のバッジを印刷'],

  'create.title': ['Add a participant', '参加者を追加'],
  'create.displayName': ['Name', '名前'],
  'create.email': ['E-mail (optional)', 'メール（任意）'],
  'create.externalRef': ['Reference, e.g. ticket number (optional)', '参照番号（チケット番号など、任意）'],
  'create.submit': ['Add', '追加'],
  'create.done': ['{name} was added.', '{name} さんを追加しました。'],
  'create.badge': ['Print their badge', 'バッジを印刷'],

  'import.title': ['Import a CSV or JSON file', 'CSV または JSON ファイルから取り込む'],
  'import.explain': [
    'CSV columns: displayName, email, externalRef. The file is checked first; nothing is stored until you confirm. Rows whose reference already exists are reported, not added twice.',
    'CSV の列: displayName, email, externalRef。ファイルはまず検査され、確定するまで何も保存されません。参照番号が登録済みの行は報告され、二重には追加されません。',
  ],
  'import.choose': ['Choose a file, or drop it here', 'ファイルを選ぶか、ここにドロップ'],
  'import.wrongType': ['This is not a CSV or JSON file.', 'CSV または JSON のファイルではありません。'],
  'import.checking': ['Checking {file}…', '{file} を検査中…'],
  'import.invalid': [
    '{file} has problems ({count}). Fix them in the file and choose it again.',
    '{file}: 問題が {count} 件あります。ファイルを直して、もう一度選んでください。',
  ],
  'import.row': ['Row {row}:', '{row} 行目:'],
  'import.wholeFile': ['The file:', 'ファイル全体:'],
  'import.nothingStored': ['Nothing was stored.', '何も保存されていません。'],
  'import.ready': [
    '{file}: all {count} rows are valid. Check them, then import.',
    '{file}: {count} 行すべて正しい形式です。確認してから取り込んでください。',
  ],
  'import.previewTable': ['Rows to import', '取り込む行'],
  'import.rowNumber': ['Row', '行'],
  'import.moreRows': ['and {count} more rows', 'ほか {count} 行'],
  'import.commit': ['Import {count} participants', '{count} 人を取り込む'],
  'import.importing': ['Importing {file}…', '{file} を取り込み中…'],
  'import.done': [
    'Imported: {created} added, {existing} already there.',
    '取り込みました: 追加 {created} 人、登録済み {existing} 人。',
  ],
  'import.existingNames': ['Already there:', '登録済み:'],

  'badges.forOne': ['The badge of {name}.', '{name} さんのバッジ。'],
  'badges.forFilter': [
    'Badges of the {count} participants in the list’s filter.',
    '一覧の絞り込みに合う {count} 人のバッジ。',
  ],
  'badges.forAll': ['Badges of all {count} participants.', '参加者全員（{count} 人）のバッジ。'],
  'badges.paper': ['Paper', '用紙'],
  'badges.perPage': ['Badges per page', '1 ページの枚数'],
  'badges.perPageValue': ['{count} ({columns} × {rows})', '{count} 枚（{columns} × {rows}）'],
  'badges.print': ['Print', '印刷'],
  'badges.all': ['Badges of everyone', '全員のバッジ'],
  'badges.back': ['Back to participants', '参加者に戻る'],
  'badges.none': [
    'No participant matches: there is nothing to print.',
    '該当する参加者がいないため、印刷するものがありません。',
  ],
  'badges.sheet': ['Badge sheet, {pages} pages', 'バッジの用紙、{pages} ページ'],
  'badges.qrFor': ['QR code of {name}', '{name} さんの QR コード'],

  'images.upload': ['Upload event images', 'イベント画像をアップロード'],
  'images.choose': [
    'Choose images, or drop them here (JPEG, PNG, WebP, AVIF)',
    '画像を選ぶか、ここにドロップ（JPEG、PNG、WebP、AVIF）',
  ],
  'images.uploads': ['Uploads', 'アップロード'],
  'images.progress': ['Upload of {name}', '{name} のアップロード'],
  'images.state.queued': ['Waiting', '待機中'],
  'images.state.sending': ['Sending… {percent}%', '送信中… {percent}%'],
  'images.state.done': ['Uploaded', 'アップロード済み'],
  'images.state.cancelled': ['Cancelled', '取り消し済み'],
  'images.state.failed': ['Failed', '失敗'],
  'images.cancel': ['Cancel', '取り消す'],
  'images.cancelFile': ['Cancel the upload of {name}', '{name} のアップロードを取り消す'],
  'images.retryFile': ['Retry {name}', '{name} を再送'],
  'images.count': [
    '{count} event images; the list follows the pipeline by itself.',
    'イベント画像 {count} 枚。一覧は処理の進み具合に合わせて自動で更新されます。',
  ],
  'images.table': ['Event images', 'イベント画像一覧'],
  'images.id': ['Image', '画像'],
  'images.status': ['Pipeline', '処理状況'],
  'images.updated': ['Last change', '最終更新'],
  'images.status.empty': ['Empty', '空'],
  'images.status.uploaded': ['Uploaded', 'アップロード済み'],
  'images.status.clustering': ['Clustering…', '色を分析中…'],
  'images.status.clustered': ['Clustered', '色分析済み'],
  'images.status.generating': ['Generating…', '生成中…'],
  'images.status.generated': ['Generated', '生成済み'],
  'images.status.processed': ['Processed', '処理済み'],
  'images.status.failed': ['Failed', '失敗'],
  'images.showPalette': ['Show the palette of {id}', '{id} のパレットを表示'],
  'images.palette.button': ['Palette', 'パレット'],
  'images.detail': ['Image {id}', '画像 {id}'],
  'images.noPalette': [
    'No palette yet: it appears once the image is clustered.',
    'パレットはまだありません。色分析が終わると表示されます。',
  ],
  'images.palette': ['{k} colours, from version {version}', '{k} 色（バージョン {version}）'],
  'images.swatches': ['Palette colours', 'パレットの色'],
  'images.generate': ['Start a generation from this palette', 'このパレットで生成を始める'],
  'images.generationStarted': [
    'Generation started. The list shows its progress.',
    '生成を始めました。進み具合は一覧に表示されます。',
  ],

  // The automation settings, looks, previews and the live pipeline.
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

export type ConsoleMessageKey = keyof typeof OWN_MESSAGES.en | HealthMessageKey;

export const CONSOLE_MESSAGES: Catalogs<ConsoleMessageKey> = mergeCatalogs(OWN_MESSAGES, HEALTH_MESSAGES);
