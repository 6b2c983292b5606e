import { useEffect, useState } from 'preact/hooks';
import type { GalleryClient } from '@photo/web/api/gallery-client';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { ApiCallError, fetchOnce } from '../app/api-sources';
import { useObjectUrl } from '@photo/web/hooks/use-object-url';
import type { ParticipantMessageKey } from '../i18n/messages';
import { likeItem, recommend, type Emotion, type GalleryItem } from './gallery-sources';

export interface RecommendationsProps {
  gallery: GalleryClient;
  userId: string;
  expression: Emotion['expression'] | null;
  /** A gallery call answered 401: the caller finds out why (the participant token may be gone). */
  onRefused: () => void;
}

/** The images the gallery picked for the user, each fetched once through its one-time URL, with a like button. */
export function Recommendations({ gallery, userId, expression, onRefused }: RecommendationsProps) {
  const i18n = useI18n<ParticipantMessageKey>();
  const [items, setItems] = useState<GalleryItem[] | null>(null);
  const [failure, setFailure] = useState<ApiCallError | null>(null);
  useEffect(() => {
    let live = true;
    setItems(null);
    recommend(gallery, userId, expression).then(
      (answer) => live && setItems(answer),
      (err: unknown) => {
        if (!live) return;
        const failed = err instanceof ApiCallError ? err : new ApiCallError(0, null);
        if (failed.status === 401) onRefused();
        setFailure(failed);
      },
    );
    return () => {
      live = false;
    };
  }, [userId, expression]);

  return (
    <section class="gallery-picks" aria-labelledby="picks-title">
      <h3 id="picks-title">{i18n.t('gallery.picks')}</h3>
      {failure && <ErrorNotice code={failure.code} retryAfterSeconds={failure.retryAfter} />}
      {!items && !failure && <p>{i18n.t('gallery.loading')}</p>}
      {items?.length === 0 && <StatusBanner tone="info">{i18n.t('gallery.none')}</StatusBanner>}
      <ul class="gallery-grid">
        {items?.map((item, n) => (
          <li key={item.itemId}>
            <GalleryTile gallery={gallery} userId={userId} item={item} n={n + 1} onRefused={onRefused} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function GalleryTile({
  gallery,
  userId,
  item,
  n,
  onRefused,
}: {
  gallery: GalleryClient;
  userId: string;
  item: GalleryItem;
  n: number;
  onRefused: () => void;
}) {
  const i18n = useI18n<ParticipantMessageKey>();
  const [bytes, setBytes] = useState<Blob | null>(null);
  const [liked, setLiked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiCallError | null>(null);
  const url = useObjectUrl(bytes);
  useEffect(() => {
    // The URL is good for one GET: fetched once here and shown from the bytes.
    fetchOnce(item.url).then(setBytes, (err: unknown) => console.warn('gallery image failed', err));
  }, [item.url]);

  const like = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await likeItem(gallery, userId, item.itemId);
      setLiked(true);
    } catch (err) {
      const failed = err instanceof ApiCallError ? err : new ApiCallError(0, null);
      if (failed.status === 401) onRefused();
      setFailure(failed);
    } finally {
      setBusy(false);
    }
  };

  const alt = i18n.t('gallery.itemAlt', { n });
  return (
    <figure class="gallery-tile" data-item-id={item.itemId}>
      <div class="gallery-frame">{url && <img src={url} alt={alt} />}</div>
      <Button
        variant="secondary"
        aria-pressed={liked}
        aria-label={`${i18n.t('photos.like')}: ${alt}`}
        // Not `disabled` once liked: it keeps the pressed look; the gallery has no unlike, so a tap does nothing.
        aria-disabled={liked}
        disabled={busy}
        onClick={() => void (liked || like())}
      >
        <span aria-hidden="true">{liked ? '♥ ' : '♡ '}</span>
        {i18n.t('photos.like')}
      </Button>
      {failure && (
        <ErrorNotice
          code={failure.code}
          retryAfterSeconds={failure.retryAfter}
          onDismiss={() => setFailure(null)}
        />
      )}
    </figure>
  );
}
