import { useMemo, useState } from 'preact/hooks';
import { createApiClient } from '@photo/web/api/client';
import { readApiError } from '@photo/web/api/errors';
import { retryAfterSeconds } from '@photo/web/api/retry-after';
import type { PublicRuntimeConfig } from '@photo/web/config/runtime-config';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { TextField } from '@photo/web/ui/text-field';
import type { ParticipantMessageKey } from '../i18n/messages';
import { codeExpiry } from '../join/check-in-code';
import type { KeptCode } from '../join/token.store';

type Failure =
  | { kind: 'off' }
  | { kind: 'name' }
  | { kind: 'api'; code: string | null; requestId: string | null; retryAfter?: number | null };

/** No token on this device: how to get one (the staff's link or QR code), or self-registration. */
export function JoinScreen({
  config,
  badLink,
  erased = false,
  onJoined,
}: {
  config: PublicRuntimeConfig;
  badLink: boolean;
  /** "Delete my data" just ran: say so. */
  erased?: boolean;
  /** A new participant's token, and the check-in code to show the staff. */
  onJoined: (token: string, code: KeptCode) => Promise<void>;
}) {
  const i18n = useI18n<ParticipantMessageKey>();
  const api = useMemo(() => createApiClient({ baseUrl: config.apiOrigin }), [config.apiOrigin]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  async function register(event: Event) {
    event.preventDefault();
    if (name.trim() === '') return setFailure({ kind: 'name' });
    setBusy(true);
    setFailure(null);
    try {
      const { data, error, response } = await api.POST('/participants/register', {
        body: { displayName: name.trim(), email: email.trim() === '' ? null : email.trim() },
      });
      if (data)
        return await onJoined(data.participantToken, {
          payload: data.qrPayload,
          displayName: data.participant.displayName,
          expiresAt: codeExpiry(data.qrPayload)?.toISOString() ?? null,
        });
      const info = readApiError(error);
      setFailure(
        response.status === 403
          ? { kind: 'off' }
          : {
              kind: 'api',
              code: info?.code ?? null,
              requestId: info?.requestId ?? null,
              retryAfter: retryAfterSeconds(response),
            },
      );
    } catch {
      setFailure({ kind: 'api', code: null, requestId: null });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen title={i18n.t('join.title')}>
      {erased && <StatusBanner tone="ok">{i18n.t('erase.done')}</StatusBanner>}
      {badLink && <StatusBanner tone="bad">{i18n.t('join.badLink')}</StatusBanner>}
      <p class="lead">{i18n.t('join.explain')}</p>
      <form class="form" onSubmit={(e) => void register(e)} noValidate>
        <h3>{i18n.t('join.registerTitle')}</h3>
        <TextField
          label={i18n.t('join.name')}
          name="displayName"
          autocomplete="nickname"
          maxLength={100}
          value={name}
          aria-invalid={failure?.kind === 'name'}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <TextField
          label={i18n.t('join.email')}
          name="email"
          type="email"
          autocomplete="email"
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        {failure?.kind === 'name' && <StatusBanner tone="bad">{i18n.t('join.nameMissing')}</StatusBanner>}
        {failure?.kind === 'off' && <StatusBanner tone="warn">{i18n.t('join.registrationOff')}</StatusBanner>}
        {failure?.kind === 'api' && (
          <ErrorNotice
            code={failure.code}
            requestId={failure.requestId}
            retryAfterSeconds={failure.retryAfter ?? null}
          />
        )}
        <Button type="submit" large disabled={busy}>
          {busy ? i18n.t('join.registering') : i18n.t('join.register')}
        </Button>
      </form>
    </Screen>
  );
}
