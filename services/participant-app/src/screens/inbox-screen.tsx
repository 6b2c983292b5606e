import { useEffect, useState } from 'preact/hooks';
import type { BackendClient, components } from '@photo/web/api/client';
import { readApiError } from '@photo/web/api/errors';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useObjectUrl } from '@photo/web/hooks/use-object-url';
import type { ImageLoader } from '../images/image-loader';
import type { KeptImage } from '../images/kept-images.store';
import type { ParticipantMessageKey } from '../i18n/messages';

type Notification = components['schemas']['Notification'];

/** The in-app inbox: who liked what, newest first; mark one or all read. */
export function InboxScreen({
  api,
  loader,
  changes,
  onRead,
  onTokenRefused,
}: {
  api: BackendClient;
  loader: ImageLoader;
  /** Grows with every notification event of the live stream: the inbox is read again. */
  changes: number;
  onRead: () => void;
  onTokenRefused: () => void;
}) {
  const i18n = useI18n<ParticipantMessageKey>();
  const [items, setItems] = useState<Notification[] | null>(null);
  const [failure, setFailure] = useState<{ code: string | null; requestId: string | null } | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    api.GET('/me/notifications', { cache: 'no-store' }).then(
      ({ data, error, response }) => {
        if (!live) return;
        if (response.status === 401) return onTokenRefused();
        if (data) {
          setFailure(null);
          setItems(data.items);
        } else {
          const info = readApiError(error);
          setFailure({ code: info?.code ?? null, requestId: info?.requestId ?? null });
        }
      },
      () => live && setFailure({ code: null, requestId: null }),
    );
    return () => {
      live = false;
    };
  }, [changes, reload]);

  async function markRead(notificationId: string | null) {
    const { response, error } = notificationId
      ? await api.POST('/me/notifications/{notificationId}/read', { params: { path: { notificationId } } })
      : await api.POST('/me/notifications/read-all');
    if (response.status === 401) return onTokenRefused();
    if (!response.ok) {
      const info = readApiError(error);
      return setFailure({ code: info?.code ?? null, requestId: info?.requestId ?? null });
    }
    setReload((n) => n + 1);
    onRead();
  }

  const anyUnread = items?.some((n) => !n.read) ?? false;
  return (
    <Screen
      title={i18n.t('nav.inbox')}
      actions={
        anyUnread ? (
          <Button
            variant="secondary"
            onClick={() => void markRead(null).catch(() => setFailure({ code: null, requestId: null }))}
          >
            {i18n.t('inbox.markAllRead')}
          </Button>
        ) : undefined
      }
    >
      {failure && <ErrorNotice code={failure.code} requestId={failure.requestId} />}
      {items?.length === 0 && <StatusBanner tone="info">{i18n.t('inbox.empty')}</StatusBanner>}
      <ul class="inbox">
        {items?.map((n) => (
          <InboxItem
            key={n.notificationId}
            notification={n}
            loader={loader}
            onMarkRead={() =>
              void markRead(n.notificationId).catch(() => setFailure({ code: null, requestId: null }))
            }
          />
        ))}
      </ul>
    </Screen>
  );
}

/**
 * One notification in the person's language (the API's `text` is English only), beside the liked image as this
 * device kept it: the inbox spends no one-time URL on thumbnails.
 */
function InboxItem({
  notification: n,
  loader,
  onMarkRead,
}: {
  notification: Notification;
  loader: ImageLoader;
  onMarkRead: () => void;
}) {
  const i18n = useI18n<ParticipantMessageKey>();
  const [kept, setKept] = useState<KeptImage | null>(null);
  useEffect(() => {
    void loader.kept(n.imageId).then((k) => setKept(k ?? null));
  }, [n.imageId]);
  const url = useObjectUrl(kept?.bytes ?? null);
  const name = n.actors[0]?.displayName ?? '?';
  const kind = i18n.t(kept?.kind === 'look' ? 'inbox.kind.look' : 'inbox.kind.photo');
  const text =
    n.actorCount > 1
      ? i18n.t('inbox.like.many', { name, others: n.actorCount - 1, kind })
      : i18n.t('inbox.like.one', { name, kind });
  return (
    <li class={n.read ? 'inbox-item' : 'inbox-item inbox-unread'}>
      {url ? <img class="inbox-thumb" src={url} alt="" /> : <span class="inbox-thumb" aria-hidden="true" />}
      <div class="inbox-body">
        {!n.read && <span class="inbox-new">{i18n.t('inbox.unread')}</span>}
        <p class="inbox-text">{text}</p>
        <time dateTime={n.updatedAt}>{new Date(n.updatedAt).toLocaleString(i18n.lang)}</time>
      </div>
      {!n.read && (
        <Button variant="secondary" aria-label={`${i18n.t('inbox.markRead')}: ${text}`} onClick={onMarkRead}>
          {i18n.t('inbox.markRead')}
        </Button>
      )}
    </li>
  );
}
