import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createApiClient } from '@photo/web/api/client';
import { createGalleryClient } from '@photo/web/api/gallery-client';
import { Button } from '@photo/web/ui/button';
import type { PublicRuntimeConfig } from '@photo/web/config/runtime-config';
import { useI18n } from '@photo/web/i18n/i18n';
import { issueImageUrl, fetchOnce, updatesSource } from '../app/api-sources';
import type { DeviceStores } from '../app/boot';
import { eraseMyData } from '../app/erase-device';
import { tokenRefusalWatcher, type RefusalReason } from '../app/token-refusal';
import { eraseGalleryUser, galleryUserOf } from '../gallery/gallery-sources';
import { createImageLoader } from '../images/image-loader';
import { documentVisibility, type LiveState } from '@photo/web/net/live-stream';
import { createLiveUpdates } from '../live/live-updates';
import type { ParticipantMessageKey } from '../i18n/messages';
import { InboxScreen } from './inbox-screen';
import { PhotosScreen } from './photos-screen';
import { SettingsScreen } from './settings-screen';
import { CodeScreen } from './code-screen';
import { GalleryScreen } from './gallery-screen';
import { browserPush, turnPushOff } from '../push/web-push';

type View = 'photos' | 'inbox' | 'gallery' | 'settings' | 'code';
const VIEWS: readonly View[] = ['photos', 'inbox', 'gallery', 'settings', 'code'];
// A tapped push notification opens #inbox (public/push-sw.js).
const viewFromHash = (): View => VIEWS.find((v) => location.hash === `#${v}`) ?? 'photos';
/** The sections in the tab bar, in order (the check-in code opens from a button instead). */
const TABS = ['photos', 'inbox', 'gallery', 'settings'] as const satisfies readonly View[];

/** A participant with a token: the sections, live updates and the unread badge. */
export function Home({
  config,
  stores,
  token,
  justRegistered = false,
  onTokenRefused,
  onErased,
}: {
  config: PublicRuntimeConfig;
  stores: DeviceStores;
  token: string;
  /** Self-registered a moment ago: the check-in code shows first. */
  justRegistered?: boolean;
  onTokenRefused: (reason: RefusalReason) => void;
  /** "Delete my data" is done: nothing of the participant is left on the device. */
  onErased: () => void;
}) {
  const i18n = useI18n<ParticipantMessageKey>();
  const reason = useRef<RefusalReason>('unknown');
  const api = useMemo(() => {
    const client = createApiClient({ baseUrl: config.apiOrigin, getToken: () => Promise.resolve(token) });
    client.use(tokenRefusalWatcher((r) => (reason.current = r)));
    return client;
  }, [config.apiOrigin, token]);
  // The participant token is the gallery identity too.
  const gallery = useMemo(
    () =>
      config.galleryOrigin
        ? createGalleryClient({ baseUrl: config.galleryOrigin, getToken: () => Promise.resolve(token) })
        : null,
    [config.galleryOrigin, token],
  );
  const loader = useMemo(
    () => createImageLoader({ store: stores.images, issue: (id) => issueImageUrl(api, id), fetchOnce }),
    [api],
  );
  const [view, setView] = useState<View>(justRegistered ? 'code' : viewFromHash);
  const [updates, setUpdates] = useState(0);
  const [notifications, setNotifications] = useState(0);
  const [liveState, setLiveState] = useState<LiveState>('connecting');
  const [unread, setUnread] = useState<number | null>(null);
  const refused = useRef(() => onTokenRefused(reason.current));
  refused.current = () => onTokenRefused(reason.current);

  // The gallery knows only whether a token works, not why: the backend says whether this one is gone, and why.
  const galleryRefused = () =>
    void api.GET('/me', { cache: 'no-store' }).then(
      ({ response }) => response.status === 401 && refused.current(),
      () => undefined,
    );

  const erase = async () => {
    const kept = await stores.gallery.read();
    await eraseMyData({
      stores,
      eraseGalleryUser: async () => {
        if (!gallery) return;
        // The one this phone made, and the one the token stands for (which another phone may have made).
        const users = new Set([kept?.userId, await galleryUserOf(gallery)]);
        for (const userId of users) if (userId) await eraseGalleryUser(gallery, userId);
      },
      turnPushOff: async () => void (await turnPushOff(api, browserPush)),
      dropPushSubscription: async () =>
        void (await (await browserPush.registration())?.pushManager.getSubscription())?.unsubscribe(),
      indexedDB,
      caches: 'caches' in globalThis ? caches : null,
    });
    onErased();
  };

  const refreshUnread = useMemo(() => {
    let running = false;
    return async () => {
      if (running) return;
      running = true;
      try {
        const { data, response } = await api.GET('/me/notifications/unread-count', { cache: 'no-store' });
        if (response.status === 401) refused.current();
        else if (data) setUnread(data.unread);
      } catch {
        // Offline: the badge keeps its last count.
      } finally {
        running = false;
      }
    };
  }, [api]);

  useEffect(() => {
    const live = createLiveUpdates({
      source: updatesSource(api),
      onUpdates: () => setUpdates((n) => n + 1),
      onEvent: (event) => {
        if (event !== 'notification') return;
        setNotifications((n) => n + 1);
        void refreshUnread();
      },
      onPolled: () => void refreshUnread(),
      onState: setLiveState,
      onUnauthenticated: () => refused.current(),
      visibility: documentVisibility,
    });
    live.start();
    void refreshUnread();
    return () => live.stop();
  }, [api]);

  useEffect(() => {
    const follow = () => setView(viewFromHash());
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);

  // Before paint: the address names the screen shown, so a reload at once opens it again.
  useLayoutEffect(() => {
    const target = view === 'photos' ? '' : `#${view}`;
    if (location.hash !== target)
      history.replaceState(null, '', `${location.pathname}${location.search}${target}`);
  }, [view]);

  return (
    <>
      <nav class="tabs" aria-label={i18n.t('nav.label')}>
        {TABS.filter((tab) => tab !== 'gallery' || gallery).map((tab) => (
          <button
            key={tab}
            type="button"
            class="tab"
            aria-current={view === tab ? 'page' : undefined}
            onClick={() => setView(tab)}
          >
            {i18n.t(`nav.${tab}`)}
            {tab === 'inbox' && unread ? (
              <span class="badge">
                {unread}
                <span class="visually-hidden">{i18n.t('nav.unread')}</span>
              </span>
            ) : null}
          </button>
        ))}
      </nav>
      {/* About photos and notifications: kept (hidden) elsewhere so the live region stays in the page. */}
      <p
        class={`live-state live-${liveState}`}
        aria-live="polite"
        hidden={view === 'gallery' || view === 'settings' || view === 'code'}
      >
        {liveState !== 'stopped' && i18n.t(`live.${liveState}`)}
      </p>
      {view === 'code' ? (
        <CodeScreen
          api={api}
          store={stores.token}
          justRegistered={justRegistered}
          onDone={() => setView('photos')}
          onTokenRefused={() => refused.current()}
        />
      ) : view === 'gallery' && gallery ? (
        <GalleryScreen gallery={gallery} store={stores.gallery} onRefused={galleryRefused} onErase={erase} />
      ) : view === 'settings' ? (
        <SettingsScreen
          api={api}
          push={browserPush}
          onTokenRefused={() => refused.current()}
          onErase={erase}
        />
      ) : view === 'photos' || view === 'gallery' ? (
        <>
          <div class="code-link">
            <Button variant="secondary" onClick={() => setView('code')}>
              {i18n.t('code.show')}
            </Button>
          </div>
          <PhotosScreen
            api={api}
            loader={loader}
            store={stores.images}
            updates={updates}
            onTokenRefused={() => refused.current()}
          />
        </>
      ) : (
        <InboxScreen
          api={api}
          loader={loader}
          changes={notifications}
          onRead={() => void refreshUnread()}
          onTokenRefused={() => refused.current()}
        />
      )}
    </>
  );
}
