import '../automation/automation.css';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { Screen } from '@photo/web/ui/screen';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useConsole } from '../app/console-context';
import { CONSOLE_PERMISSIONS } from '../app/permissions';
import type { ConsoleMessageKey } from '../i18n/messages';
import { DataTable } from '../ui/data-table';
import { ImageDetail } from './image-detail';
import { LooksPanel } from './looks-panel';
import { usePipeline, type PipelineRow } from './use-pipeline';

type Status = PipelineRow['status'];

/** An event image in one of these has a palette to make looks from. */
const PALETTE_READY = new Set<Status>(['clustered', 'generating', 'generated']);
import { imageSender } from './send-image';
import { persistentKeeper } from './upload-keeper';
import { createUploadQueue, type UploadItem } from './upload-queue';
import { UploadPanel } from './upload-panel';

/**
 * Event images: upload many, follow each through the colour pipeline live (the pipeline stream; polling while it is
 * down), see its palette and what the pipeline made, generate, and make looks for participants.
 */
export function ImagesScreen() {
  const i18n = useI18n<ConsoleMessageKey>();
  const { api, can, context } = useConsole();
  const owner = context.session.user.subject;
  const keeper = useMemo(() => persistentKeeper(owner), [owner]);
  const queue = useMemo(() => createUploadQueue(imageSender(api), undefined, keeper), [api, keeper]);
  const [uploads, setUploads] = useState<readonly UploadItem[]>([]);
  const { images, mode, failed } = usePipeline(api);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => queue.subscribe(() => setUploads(queue.items)), [queue]);
  // What was still waiting when the page went away (a reload, a login after the session ended) goes on now.
  useEffect(() => void keeper.pending().then((kept) => queue.resume(kept)), [queue]);

  const current = images.find((i) => i.imageId === selected);
  const clustered = images.filter((i) => PALETTE_READY.has(i.status)).length;
  return (
    <Screen title={i18n.t('nav.images')}>
      {can(CONSOLE_PERMISSIONS.imagesWrite) && <UploadPanel queue={queue} items={uploads} />}
      <p class={`pipeline-mode pipeline-mode-${mode}`} role="status" data-mode={mode}>
        {i18n.t(`images.live.${mode}`)}
      </p>
      {failed && <ErrorNotice code={null} requestId={null} />}
      <p class="list-count">{i18n.t('images.count', { count: images.length })}</p>
      {images.length > 0 && (
        <DataTable
          label={i18n.t('images.table')}
          columns={[
            i18n.t('images.id'),
            i18n.t('images.status'),
            i18n.t('images.updated'),
            i18n.t('participants.actions'),
          ]}
        >
          {images.map((image) => (
            <tr key={image.imageId} data-image-id={image.imageId}>
              <td>
                <code>{image.imageId}</code>
              </td>
              <td>
                <span class={`pill pill-status-${image.status}`}>
                  {i18n.t(`images.status.${image.status}`)}
                </span>
                {image.statusReason && (
                  <span class={image.status === 'failed' ? 'status-reason' : 'status-note'}>
                    {' '}
                    {image.statusReason}
                  </span>
                )}
                {image.history && image.history.length > 1 && (
                  <ol class="status-trail" aria-label={i18n.t('images.trail')}>
                    {image.history.map((h) => (
                      <li key={h.at + h.status}>{i18n.t(`images.status.${h.status as Status}`)}</li>
                    ))}
                  </ol>
                )}
              </td>
              <td>{new Date(image.updatedAt).toLocaleTimeString(i18n.lang)}</td>
              <td>
                <Button
                  variant="secondary"
                  aria-pressed={selected === image.imageId}
                  aria-label={i18n.t('images.showPalette', { id: image.imageId })}
                  onClick={() => setSelected(selected === image.imageId ? null : image.imageId)}
                >
                  {i18n.t('images.palette.button')}
                </Button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {current && <ImageDetail imageId={current.imageId} updatedAt={current.updatedAt} />}
      {can(CONSOLE_PERMISSIONS.imagesWrite) && <LooksPanel freshness={clustered} />}
    </Screen>
  );
}
