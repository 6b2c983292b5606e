import { render, type ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApiClient, type BackendClient } from '../api/client';
import { createOidcClient, SessionEndedError, startAuth, type Auth, type Session } from '../auth/session';
import { loadRuntimeConfig, type RuntimeConfig } from '../config/runtime-config';
import { useI18nState, type I18n } from '../i18n/i18n';
import type { Catalogs } from '../i18n/translator';
import { registerServiceWorker } from '../pwa/register';
import { AppShell } from './app-shell';
import { Button } from './button';
import { Screen } from './screen';
import { StatusBanner } from './status-banner';

/** What a logged-in app's screens receive. */
export interface OidcAppContext {
  config: RuntimeConfig;
  session: Session;
  auth: Auth;
  /** The typed backend client, sending this session's access token. */
  api: BackendClient;
}

export interface OidcAppProps<K extends string> {
  /** The app's own messages; `title` is among them. */
  catalogs: Catalogs<K>;
  titleKey: K;
  /** Permissions the app needs; a session lacking any of them is told so instead of seeing the app. */
  requiredPermissions: readonly string[];
  children: (context: OidcAppContext) => ComponentChildren;
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'config-failed' }
  | { kind: 'logged-out'; auth: Auth | null; failed: boolean; config: RuntimeConfig }
  | { kind: 'ready'; auth: Auth; session: Session; config: RuntimeConfig };

/**
 * The frame of an app whose people log in (staff app, operator console): reads `/config.json`, finishes or resumes
 * the login, checks the permissions, and renders the app's screens inside the shell with the typed client.
 */
export function OidcApp<K extends string>({
  catalogs,
  titleKey,
  requiredPermissions,
  children,
}: OidcAppProps<K>) {
  const i18n = useI18nState(catalogs);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  useEffect(() => {
    void boot().then(setPhase);
  }, []);
  const ready = phase.kind === 'ready' ? phase : null;
  // The session ending mid-work leaves the screens in place (what they hold stays) and asks for a login.
  const [ended, setEnded] = useState(false);
  const noticeEnd = (token: Promise<string>) =>
    token.catch((err: unknown) => {
      if (err instanceof SessionEndedError) setEnded(true);
      throw err;
    });
  const api = useMemo(
    () =>
      ready &&
      createApiClient({
        baseUrl: ready.config.apiOrigin,
        getToken: () => noticeEnd(ready.session.getAccessToken()),
        renewToken: () => noticeEnd(ready.session.renewAccessToken()),
      }),
    [ready],
  );
  const user = ready && { name: ready.session.user.name, onLogout: () => void ready.auth.logout() };
  return (
    <AppShell i18n={i18n} title={i18n.t(titleKey)} user={user}>
      {phase.kind === 'loading' && <StatusBanner tone="info">{i18n.t('status.loading')}</StatusBanner>}
      {phase.kind === 'config-failed' && <StatusBanner tone="bad">{i18n.t('error.config')}</StatusBanner>}
      {phase.kind === 'logged-out' && <LoginScreen i18n={i18n} auth={phase.auth} failed={phase.failed} />}
      {ready && ended && <SessionEnded i18n={i18n} auth={ready.auth} />}
      {ready &&
        api &&
        (requiredPermissions.every((p) => ready.session.permissions.has(p)) ? (
          children({ config: ready.config, session: ready.session, auth: ready.auth, api })
        ) : (
          <StatusBanner tone="bad">
            {i18n.t('permission.lacking', { name: ready.session.user.name })}
          </StatusBanner>
        ))}
    </AppShell>
  );
}

/** The refresh token stopped working: log in again, then come back to the same place. */
function SessionEnded({ i18n, auth }: { i18n: I18n<string>; auth: Auth }) {
  return (
    <div class="notice session-ended" role="alert">
      <p class="notice-text">{i18n.t('login.sessionEnded')}</p>
      <Button onClick={() => void auth.login()}>{i18n.t('login.action')}</Button>
    </div>
  );
}

function LoginScreen({ i18n, auth, failed }: { i18n: I18n<string>; auth: Auth | null; failed: boolean }) {
  return (
    <Screen
      title={i18n.t('login.action')}
      actions={
        <Button large disabled={!auth} onClick={() => void auth?.login()}>
          {i18n.t('login.action')}
        </Button>
      }
    >
      {failed && <StatusBanner tone="bad">{i18n.t('login.failed')}</StatusBanner>}
      <p>{i18n.t('login.explain')}</p>
    </Screen>
  );
}

async function boot(): Promise<Phase> {
  let config: RuntimeConfig;
  try {
    config = await loadRuntimeConfig();
  } catch (err) {
    console.error(err);
    return { kind: 'config-failed' };
  }
  const client = createOidcClient(config.auth);
  try {
    const auth = await startAuth(client);
    return auth.session
      ? { kind: 'ready', auth, session: auth.session, config }
      : { kind: 'logged-out', auth, failed: false, config };
  } catch (err) {
    // A failed code exchange (a stale or replayed callback, the identity provider unreachable): offer login again.
    console.error(err);
    const auth = await startAuth(client).catch(() => null);
    return { kind: 'logged-out', auth, failed: true, config };
  }
}

/** Mounts an app into `root` and registers its service worker. */
export function startOidcApp<K extends string>(root: HTMLElement, props: OidcAppProps<K>): void {
  render(<OidcApp {...props} />, root);
  void registerServiceWorker();
}
