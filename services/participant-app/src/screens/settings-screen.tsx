import { useEffect, useState } from 'preact/hooks';
import type { BackendClient } from '@photo/web/api/client';
import { readApiError } from '@photo/web/api/errors';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { TextField } from '@photo/web/ui/text-field';
import { ApiCallError, TokenRefusedError } from '../app/api-sources';
import type { ParticipantMessageKey } from '../i18n/messages';
import { pushState, turnPushOff, turnPushOn, type PushPlatform, type PushState } from '../push/web-push';
import { EraseSection } from './erase-section';

interface Preferences {
  channels: { push: boolean; email: boolean; sms: boolean };
  email: string;
  phone: string;
  quiet: boolean;
  start: string;
  end: string;
  timeZone: string;
}

type Failure = { code: string | null; requestId: string | null };

export interface SettingsScreenProps {
  api: BackendClient;
  push: PushPlatform;
  onTokenRefused: () => void;
  /** "Delete my data" (the gallery user on the server, and this device). */
  onErase?: () => Promise<void>;
}

/** Notifications on this phone (Web Push on or off) and where notifications go (channels, quiet hours). */
export function SettingsScreen({ api, push, onTokenRefused, onErase }: SettingsScreenProps) {
  const i18n = useI18n<ParticipantMessageKey>();
  return (
    <Screen title={i18n.t('nav.settings')}>
      <PushSection api={api} push={push} onTokenRefused={onTokenRefused} />
      <PreferencesForm api={api} onTokenRefused={onTokenRefused} />
      {onErase && <EraseSection onErase={onErase} />}
    </Screen>
  );
}

function PushSection({ api, push, onTokenRefused }: SettingsScreenProps) {
  const i18n = useI18n<ParticipantMessageKey>();
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  useEffect(() => {
    void pushState(push).then(setState, () => setState({ kind: 'unsupported' }));
  }, []);

  const change = async (on: boolean) => {
    setBusy(true);
    setFailure(null);
    try {
      setState(await (on ? turnPushOn(api, push) : turnPushOff(api, push)));
    } catch (err) {
      if (err instanceof TokenRefusedError) return onTokenRefused();
      console.warn('push subscription failed', err);
      setFailure({ code: err instanceof ApiCallError ? err.code : null, requestId: null });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="settings-section" aria-labelledby="push-title">
      <h3 id="push-title">{i18n.t('settings.push.title')}</h3>
      {state === null && <p>{i18n.t('status.loading')}</p>}
      {state?.kind === 'unsupported' && (
        <StatusBanner tone="info">{i18n.t('settings.push.unsupported')}</StatusBanner>
      )}
      {state?.kind === 'blocked' && (
        <StatusBanner tone="warn">{i18n.t('settings.push.blocked')}</StatusBanner>
      )}
      {state?.kind === 'on' && <StatusBanner tone="ok">{i18n.t('settings.push.on')}</StatusBanner>}
      {state?.kind === 'off' && <p>{i18n.t('settings.push.off')}</p>}
      {failure &&
        (failure.code ? (
          <ErrorNotice code={failure.code} onDismiss={() => setFailure(null)} />
        ) : (
          <StatusBanner tone="bad">{i18n.t('settings.push.failed')}</StatusBanner>
        ))}
      {state?.kind === 'off' && (
        <Button disabled={busy} onClick={() => void change(true)}>
          {i18n.t('settings.push.turnOn')}
        </Button>
      )}
      {state?.kind === 'on' && (
        <Button variant="secondary" disabled={busy} onClick={() => void change(false)}>
          {i18n.t('settings.push.turnOff')}
        </Button>
      )}
    </section>
  );
}

function PreferencesForm({ api, onTokenRefused }: Omit<SettingsScreenProps, 'push'>) {
  const i18n = useI18n<ParticipantMessageKey>();
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  const fail = (response: Response, error: unknown) => {
    if (response.status === 401) return onTokenRefused();
    const info = readApiError(error);
    setFailure({ code: info?.code ?? null, requestId: info?.requestId ?? null });
  };

  useEffect(() => {
    api.GET('/me/notification-preferences', { cache: 'no-store' }).then(
      ({ data, error, response }) => {
        if (!data) return fail(response, error);
        setPrefs({
          channels: data.channels,
          email: data.email ?? '',
          phone: data.phone ?? '',
          quiet: data.quietHours !== null,
          start: data.quietHours?.start ?? '22:00',
          end: data.quietHours?.end ?? '08:00',
          // No quiet hours in the server's default zone (UTC): the phone's own zone is the one meant when set here.
          timeZone:
            data.quietHours === null && data.timeZone === 'UTC'
              ? Intl.DateTimeFormat().resolvedOptions().timeZone
              : data.timeZone,
        });
      },
      () => setFailure({ code: null, requestId: null }),
    );
  }, [api]);

  if (!prefs) return failure ? <ErrorNotice code={failure.code} /> : <p>{i18n.t('status.loading')}</p>;
  const edit = (change: Partial<Preferences>) => {
    setSaved(false);
    setPrefs({ ...prefs, ...change });
  };
  const channel = (name: keyof Preferences['channels'], label: ParticipantMessageKey) => (
    <label class="check">
      <input
        type="checkbox"
        checked={prefs.channels[name]}
        onChange={(e) => edit({ channels: { ...prefs.channels, [name]: e.currentTarget.checked } })}
      />
      <span>{i18n.t(label)}</span>
    </label>
  );

  const text = (
    key: 'email' | 'phone' | 'start' | 'end',
    label: ParticipantMessageKey,
    type: string,
    autocomplete?: string,
  ) => (
    <TextField
      label={i18n.t(label)}
      type={type}
      autocomplete={autocomplete}
      value={prefs[key]}
      onInput={(e) => edit({ [key]: e.currentTarget.value })}
    />
  );

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const { data, error, response } = await api.PUT('/me/notification-preferences', {
        body: {
          channels: prefs.channels,
          email: prefs.email.trim() || null,
          phone: prefs.phone.trim() || null,
          quietHours: prefs.quiet ? { start: prefs.start, end: prefs.end } : null,
          timeZone: prefs.timeZone,
        },
      });
      if (!data) return fail(response, error);
      setSaved(true);
    } catch {
      setFailure({ code: null, requestId: null });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form settings-section" onSubmit={(e) => void save(e)} noValidate>
      <h3>{i18n.t('settings.prefs.title')}</h3>
      <fieldset class="fieldset">
        <legend>{i18n.t('settings.prefs.channels')}</legend>
        {channel('push', 'settings.prefs.push')}
        {channel('email', 'settings.prefs.email')}
        {channel('sms', 'settings.prefs.sms')}
        <p class="hint">{i18n.t('settings.prefs.inApp')}</p>
      </fieldset>
      {text('email', 'settings.prefs.emailAddress', 'email', 'email')}
      {text('phone', 'settings.prefs.phone', 'tel', 'tel')}
      <fieldset class="fieldset">
        <legend>{i18n.t('settings.prefs.quietTitle')}</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={prefs.quiet}
            onChange={(e) => edit({ quiet: e.currentTarget.checked })}
          />
          <span>{i18n.t('settings.prefs.quiet')}</span>
        </label>
        {prefs.quiet && (
          <div class="time-range">
            {text('start', 'settings.prefs.quietStart', 'time')}
            {text('end', 'settings.prefs.quietEnd', 'time')}
          </div>
        )}
        <p class="hint">{i18n.t('settings.prefs.timeZone', { timeZone: prefs.timeZone })}</p>
      </fieldset>
      {failure && <ErrorNotice code={failure.code} requestId={failure.requestId} />}
      {saved && <StatusBanner tone="ok">{i18n.t('settings.prefs.saved')}</StatusBanner>}
      <Button type="submit" disabled={busy}>
        {busy ? i18n.t('settings.prefs.saving') : i18n.t('settings.prefs.save')}
      </Button>
    </form>
  );
}
