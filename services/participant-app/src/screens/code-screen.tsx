import { useEffect, useState } from 'preact/hooks';
import type { BackendClient } from '@photo/web/api/client';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { QrSvg } from '@photo/web/ui/qr-svg';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { fetchCheckInCode, TokenRefusedError } from '../app/api-sources';
import type { ParticipantMessageKey } from '../i18n/messages';
import { codeStillValid } from '../join/check-in-code';
import type { KeptCode, TokenStore } from '../join/token.store';

type Fetching = 'loading' | 'fresh' | 'failed';

/**
 * The participant's own check-in code, for the staff to scan: as wide as the phone, black on white with its quiet
 * zone, nothing else inside the frame, so the staff app reads it at arm's length. A fresh one is fetched each time
 * the screen opens and kept on the phone; offline, the kept one shows until it expires, and never after.
 */
export function CodeScreen({
  api,
  store,
  justRegistered,
  onDone,
  onTokenRefused,
}: {
  api: BackendClient;
  store: TokenStore;
  justRegistered: boolean;
  onDone: () => void;
  onTokenRefused: () => void;
}) {
  const i18n = useI18n<ParticipantMessageKey>();
  const [code, setCode] = useState<KeptCode | null>(null);
  const [fetching, setFetching] = useState<Fetching>('loading');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setFetching('loading');
    void store.readCode().then((kept) => current && kept && setCode((shown) => shown ?? kept));
    fetchCheckInCode(api).then(
      async (fresh) => {
        await store.keepCode(fresh);
        if (!current) return;
        setCode(fresh);
        setFetching('fresh');
      },
      (err: unknown) => {
        if (!current) return;
        if (err instanceof TokenRefusedError) onTokenRefused();
        else setFetching('failed');
      },
    );
    return () => {
      current = false;
    };
  }, [api, attempt]);

  const valid = code !== null && codeStillValid(code.expiresAt, Date.now());
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.lang, { dateStyle: 'long' });
  const retry = (
    <Button variant="secondary" onClick={() => setAttempt((a) => a + 1)}>
      {i18n.t('photos.retry')}
    </Button>
  );
  return (
    <Screen
      title={i18n.t('code.title')}
      actions={
        <Button large variant={justRegistered ? 'primary' : 'secondary'} onClick={onDone}>
          {i18n.t('code.done')}
        </Button>
      }
    >
      {code && valid && (
        <div class="check-in-code">
          <QrSvg
            class="check-in-qr"
            text={code.payload}
            label={i18n.t('code.label', { name: code.displayName })}
          />
          <p class="check-in-name">{code.displayName}</p>
        </div>
      )}
      {justRegistered && code && (
        <StatusBanner tone="ok">{i18n.t('code.registered', { name: code.displayName })}</StatusBanner>
      )}
      {fetching === 'loading' && !valid && <StatusBanner tone="info">{i18n.t('code.loading')}</StatusBanner>}
      {fetching === 'failed' && valid && <StatusBanner tone="warn">{i18n.t('code.offline')}</StatusBanner>}
      {fetching === 'failed' && !code && (
        <>
          <StatusBanner tone="bad">{i18n.t('code.failed')}</StatusBanner>
          {retry}
        </>
      )}
      {code && !valid && fetching !== 'loading' && (
        <>
          <StatusBanner tone="bad">{i18n.t('code.expired', { date: date(code.expiresAt!) })}</StatusBanner>
          {retry}
        </>
      )}
      <p class="lead">{i18n.t('code.explain')}</p>
      {code && valid && code.expiresAt && (
        <p class="hint">{i18n.t('code.validUntil', { date: date(code.expiresAt) })}</p>
      )}
    </Screen>
  );
}
