import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { QrSvg } from '@photo/web/ui/qr-svg';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import type { ParticipantMessageKey } from '../i18n/messages';
import { codeExpiry } from '../join/check-in-code';
import type { KeptCode } from '../join/token.store';

/**
 * The participant's own check-in code, for the staff to scan: as wide as the phone, black on white with its quiet
 * zone, nothing else inside the frame, so the staff app reads it at arm's length.
 */
export function CodeScreen({
  code,
  justRegistered,
  onDone,
}: {
  code: KeptCode;
  justRegistered: boolean;
  onDone: () => void;
}) {
  const i18n = useI18n<ParticipantMessageKey>();
  const expiry = codeExpiry(code.payload);
  const expired = expiry !== null && expiry.getTime() < Date.now();
  return (
    <Screen
      title={i18n.t('code.title')}
      actions={
        <Button large variant={justRegistered ? 'primary' : 'secondary'} onClick={onDone}>
          {i18n.t('code.done')}
        </Button>
      }
    >
      <div class="check-in-code">
        <QrSvg
          class="check-in-qr"
          text={code.payload}
          label={i18n.t('code.label', { name: code.displayName })}
        />
        <p class="check-in-name">{code.displayName}</p>
      </div>
      {justRegistered && (
        <StatusBanner tone="ok">{i18n.t('code.registered', { name: code.displayName })}</StatusBanner>
      )}
      <p class="lead">{i18n.t('code.explain')}</p>
      {expired ? (
        <StatusBanner tone="bad">{i18n.t('code.expired')}</StatusBanner>
      ) : (
        expiry && (
          <p class="hint">
            {i18n.t('code.validUntil', {
              date: expiry.toLocaleDateString(i18n.lang, { dateStyle: 'long' }),
            })}
          </p>
        )
      )}
    </Screen>
  );
}
