import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createApiClient } from '@photo/web/api/client';
import type { PublicRuntimeConfig } from '@photo/web/config/runtime-config';
import { useI18n } from '@photo/web/i18n/i18n';
import { issueImageUrl, fetchOnce, updatesSource } from '../app/api-sources';
import type { DeviceStores } from '../app/boot';
import { createImageLoader } from '../images/image-loader';
import { createLiveUpdates, documentVisibility, type LiveState } from '../live/live-updates';
import type { ParticipantMessageKey } from '../i18n/messages';
import { InboxScreen } from './inbox-screen';
import { PhotosScreen } from './photos-screen';
import { SettingsScreen } from './settings-screen';
import { browserPush } from '../push/web-push';

type View = 'photos' | 'inbox' | 'settings';
// A tapped push notification opens #inbox (public/push-sw.js).
const viewFromHash = (): View =>
  location.hash === '#inbox' ? 'inbox' : location.hash === '#settings' ? 'settings' : 'photos';

/** A participant with a token: the sections, live updates and the unread badge. */
export function Home({
  config,
  stores,
  token,
  onTokenRefused,
}: {
  config: PublicRuntimeConfig;
  stores: DeviceStores;
  token: string;
  onTokenRefused: () => void;
}) {
  const i18n = useI18n<ParticipantMessageKey>();
  const api = useMemo(
    () => createApiClient({ baseUrl: config.apiOrigin, getToken: () => Promise.resolve(token) }),
    [config.apiOrigin, token],
  );
  const loader = useMemo(
    () => createImageLoader({ store: stores.images, issue: (id) => issueImageUrl(api, id), fetchOnce }),
    [api],
  );
  const [view, setView] = useState<View>(viewFromHash);
  const [updates, setUpdates] = useState(0);
  const [notifications, setNotifications] = useState(0);
  const [liveState, setLiveState] = useState<LiveState>('connecting');
  const [unread, setUnread] = useState<number | null>(null);
  const refused = useRef(onTokenRefused);
  refused.current = onTokenRefused;

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

  useEffect(() => {
    const target = view === 'photos' ? '' : `#${view}`;
    if (location.hash !== target)
      history.replaceState(null, '', `${location.pathname}${location.search}${target}`);
  }, [view]);

  return (
    <>
      <nav class="tabs" aria-label={i18n.t('nav.label')}>
        <button
          type="button"
          class="tab"
          aria-current={view === 'photos' ? 'page' : undefined}
          onClick={() => setView('photos')}
        >
          {i18n.t('nav.photos')}
        </button>
        <button
          type="button"
          class="tab"
          aria-current={view === 'inbox' ? 'page' : undefined}
          onClick={() => setView('inbox')}
        >
          {i18n.t('nav.inbox')}
          {unread ? (
            <span class="badge">
              {unread}
              <span class="visually-hidden">{i18n.t('nav.unread')}</span>
            </span>
          ) : null}
        </button>
        <button
          type="button"
          class="tab"
          aria-current={view === 'settings' ? 'page' : undefined}
          onClick={() => setView('settings')}
        >
          {i18n.t('nav.settings')}
        </button>
      </nav>
      <p class={`live-state live-${liveState}`} aria-live="polite">
        {liveState === 'live' && i18n.t('live.live')}
        {liveState === 'polling' && i18n.t('live.polling')}
        {liveState === 'paused' && i18n.t('live.paused')}
        {liveState === 'connecting' && i18n.t('live.connecting')}
      </p>
      {view === 'settings' ? (
        <SettingsScreen api={api} push={browserPush} onTokenRefused={() => refused.current()} />
      ) : view === 'photos' ? (
        <PhotosScreen
          api={api}
          loader={loader}
          store={stores.images}
          updates={updates}
          onTokenRefused={() => refused.current()}
        />
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
