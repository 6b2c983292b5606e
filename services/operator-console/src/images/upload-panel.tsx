import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import type { ConsoleMessageKey } from '../i18n/messages';
import { DropZone } from '../ui/drop-zone';
import { worthRetrying, type UploadItem, type UploadQueue } from './upload-queue';

/** Drop or choose many images; each shows its progress, and can be cancelled or sent again. */
export function UploadPanel({ queue, items }: { queue: UploadQueue; items: readonly UploadItem[] }) {
  const i18n = useI18n<ConsoleMessageKey>();
  return (
    <section class="panel" aria-labelledby="upload-title">
      <h3 id="upload-title">{i18n.t('images.upload')}</h3>
      <DropZone
        label={i18n.t('images.choose')}
        multiple
        accept="image/jpeg,image/png,image/webp,image/avif"
        onFiles={(files) => queue.add(files)}
      />
      {items.length > 0 && (
        <ul class="uploads" aria-label={i18n.t('images.uploads')}>
          {items.map((item) => (
            <li key={item.id} class={`upload upload-${item.state}`}>
              <span class="upload-name">{item.file.name}</span>
              <progress
                max={item.total || 1}
                value={item.state === 'done' ? item.total || 1 : item.sent}
                aria-label={i18n.t('images.progress', { name: item.file.name })}
              />
              <span class="upload-state">
                {item.state === 'failed'
                  ? i18n.errorMessage(item.failure?.code ?? null)
                  : i18n.t(`images.state.${item.state}`, {
                      percent: Math.round((100 * item.sent) / (item.total || 1)),
                    })}
              </span>
              {(item.state === 'queued' || item.state === 'sending') && (
                <Button
                  variant="secondary"
                  onClick={() => queue.cancel(item.id)}
                  aria-label={i18n.t('images.cancelFile', { name: item.file.name })}
                >
                  {i18n.t('images.cancel')}
                </Button>
              )}
              {(item.state === 'cancelled' || (item.state === 'failed' && worthRetrying(item))) && (
                <Button
                  variant="secondary"
                  onClick={() => queue.retry(item.id)}
                  aria-label={i18n.t('images.retryFile', { name: item.file.name })}
                >
                  {i18n.t('action.retry')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
