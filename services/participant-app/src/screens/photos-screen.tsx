import { useEffect, useRef, useState } from 'preact/hooks';
import type { BackendClient } from '@photo/web/api/client';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { ApiCallError, listMyImages, setLiked, TokenRefusedError, type MyImage } from '../app/api-sources';
import { useObjectUrl } from '@photo/web/hooks/use-object-url';
import { useSeen } from '../app/hooks';
import type { ImageLoader, ImageRef } from '../images/image-loader';
import type { KeptImage, KeptImagesStore } from '../images/kept-images.store';
import { canShareFiles, imageFile, saveOrShare } from '../images/save-image';
import type { ParticipantMessageKey } from '../i18n/messages';

/** One image on the screen: from the list of my images, or (offline) from what the device kept. */
interface Entry extends ImageRef {
  status: string | null;
  createdAt: string;
  /** Null when only the device's copy is known (offline): the like button waits for the list. */
  likedByMe: boolean | null;
}

const fromList = (i: MyImage): Entry => ({
  imageId: i.imageId,
  kind: i.kind,
  currentVersion: i.currentVersion,
  servedVariant: i.servedVariant,
  status: i.status,
  createdAt: i.createdAt,
  likedByMe: i.likedByMe,
});

const fromKept = (k: KeptImage): Entry => ({
  imageId: k.imageId,
  kind: k.kind,
  currentVersion: k.version,
  servedVariant: k.variant,
  status: null,
  createdAt: new Date(k.keptAt).toISOString(),
  likedByMe: null,
});

/** My photo first, then the newest. */
const order = (a: Entry, b: Entry) =>
  Number(b.kind === 'participant-photo') - Number(a.kind === 'participant-photo') ||
  b.createdAt.localeCompare(a.createdAt);

export interface PhotosScreenProps {
  api: BackendClient;
  loader: ImageLoader;
  store: KeptImagesStore;
  /** Grows with every live update: the list is read again. */
  updates: number;
  onTokenRefused: () => void;
}

/** My photo, clustered image, artworks and looks: kept on the device, replaced when a new version arrives. */
export function PhotosScreen({ api, loader, store, updates, onTokenRefused }: PhotosScreenProps) {
  const i18n = useI18n<ParticipantMessageKey>();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [offline, setOffline] = useState(false);
  const listed = useRef(false);

  // What the device kept shows at once (and is all there is offline); the list replaces it when it answers.
  useEffect(() => {
    void store.list().then((kept) => {
      if (!listed.current && kept.length > 0) setEntries(kept.map(fromKept).sort(order));
    });
  }, []);

  useEffect(() => {
    let live = true;
    listMyImages(api).then(
      (items) => {
        if (!live) return;
        listed.current = true;
        setOffline(false);
        setEntries(items.map(fromList).sort(order));
      },
      (err: unknown) => {
        if (!live) return;
        if (err instanceof TokenRefusedError) return onTokenRefused();
        setOffline(true);
        setEntries((e) => e ?? []);
      },
    );
    return () => {
      live = false;
    };
  }, [updates]);

  return (
    <Screen title={i18n.t('nav.photos')}>
      {offline && <StatusBanner tone="warn">{i18n.t('photos.offline')}</StatusBanner>}
      {entries === null && <p>{i18n.t('photos.loading')}</p>}
      {entries?.length === 0 && !offline && <StatusBanner tone="info">{i18n.t('photos.none')}</StatusBanner>}
      <ul class="photo-list">
        {entries?.map((entry) => (
          <li key={entry.imageId}>
            <ImageCard
              api={api}
              entry={entry}
              loader={loader}
              offline={offline}
              onTokenRefused={onTokenRefused}
            />
          </li>
        ))}
      </ul>
    </Screen>
  );
}

function ImageCard({
  api,
  entry,
  loader,
  offline,
  onTokenRefused,
}: {
  api: BackendClient;
  entry: Entry;
  loader: ImageLoader;
  offline: boolean;
  onTokenRefused: () => void;
}) {
  const i18n = useI18n<ParticipantMessageKey>();
  const element = useRef<HTMLElement>(null);
  const seen = useSeen(element);
  const [kept, setKept] = useState<KeptImage | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const url = useObjectUrl(kept?.bytes ?? null);
  const [liked, setLikedState] = useState(entry.likedByMe);
  const [liking, setLiking] = useState(false);
  const [likeError, setLikeError] = useState<{ code: string | null; retryAfter: number | null } | null>(null);
  useEffect(() => setLikedState(entry.likedByMe), [entry.likedByMe]);

  const toggleLike = async () => {
    if (liked === null || liking) return;
    setLiking(true);
    setLikeError(null);
    try {
      await setLiked(api, entry.imageId, !liked);
      setLikedState(!liked);
    } catch (err) {
      if (err instanceof TokenRefusedError) return onTokenRefused();
      setLikeError(
        err instanceof ApiCallError
          ? { code: err.code, retryAfter: err.retryAfter }
          : { code: null, retryAfter: null },
      );
    } finally {
      setLiking(false);
    }
  };

  useEffect(() => {
    void loader.kept(entry.imageId).then((k) => k && setKept(k));
  }, [entry.imageId]);

  useEffect(() => {
    if (!seen || offline) return;
    let live = true;
    setFailed(false);
    loader.load(entry).then(
      (k) => live && setKept(k),
      (err: unknown) => {
        if (err instanceof TokenRefusedError) return onTokenRefused();
        console.warn('image failed to load', err);
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [seen, offline, entry.imageId, entry.currentVersion, entry.servedVariant, attempt]);

  const kind = i18n.t(kindKey(entry.kind));
  const shown = kept ?? null;
  const variant = i18n.t(variantKey(shown?.variant ?? entry.servedVariant));
  const version = i18n.t('photos.version', { version: shown?.version ?? entry.currentVersion });
  const shareable = shown ? canShareFiles(imageFile(shown)) : false;
  return (
    <figure
      class="photo-card"
      ref={element}
      data-image-id={entry.imageId}
      data-version={shown?.version ?? ''}
      data-variant={shown?.variant ?? ''}
    >
      <div class="photo-frame">
        {url ? (
          <img src={url} alt={i18n.t('photos.alt', { kind, variant, version })} />
        ) : (
          <p class="photo-placeholder">{failed ? i18n.t('photos.imageFailed') : i18n.t('status.loading')}</p>
        )}
      </div>
      <figcaption class="photo-caption">
        <span class="photo-kind">{kind}</span>
        <span class="photo-meta">
          {variant} · {version}
        </span>
        {statusKey(entry.status) && <span class="photo-status">{i18n.t(statusKey(entry.status)!)}</span>}
      </figcaption>
      <div class="photo-actions">
        {failed && !shown && (
          <Button variant="secondary" onClick={() => setAttempt((a) => a + 1)}>
            {i18n.t('photos.retry')}
          </Button>
        )}
        {liked !== null && (
          <Button
            variant="secondary"
            aria-pressed={liked}
            aria-label={`${i18n.t('photos.like')}: ${kind}`}
            disabled={liking || offline}
            onClick={() => void toggleLike()}
          >
            {/* The name stays "Like: <kind>" whether pressed or not; aria-pressed tells which. */}
            <span aria-hidden="true">{liked ? '♥ ' : '♡ '}</span>
            {i18n.t('photos.like')}
          </Button>
        )}
        {shown && (
          <Button
            variant="secondary"
            aria-label={`${shareable ? i18n.t('photos.share') : i18n.t('photos.save')}: ${kind}`}
            onClick={() => void saveOrShare(shown, i18n.t('photos.shareTitle'))}
          >
            {shareable ? i18n.t('photos.share') : i18n.t('photos.save')}
          </Button>
        )}
      </div>
      {likeError && (
        <ErrorNotice
          code={likeError.code}
          retryAfterSeconds={likeError.retryAfter}
          onDismiss={() => setLikeError(null)}
        />
      )}
    </figure>
  );
}

function kindKey(kind: string): ParticipantMessageKey {
  return kind === 'look'
    ? 'photos.kind.look'
    : kind === 'event'
      ? 'photos.kind.event'
      : 'photos.kind.participant-photo';
}

function variantKey(variant: string): ParticipantMessageKey {
  switch (variant) {
    case 'original':
    case 'clustered':
    case 'generated':
    case 'processed':
      return `photos.variant.${variant}`;
    default:
      return 'photos.variant.other';
  }
}

function statusKey(status: string | null): ParticipantMessageKey | null {
  if (status === 'clustering' || status === 'generating' || status === 'failed')
    return `photos.status.${status}`;
  return null;
}
