import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import type { RefusalReason } from '../app/token-refusal';
import type { ParticipantMessageKey } from '../i18n/messages';

/**
 * The kept token was refused (401): which way (replaced by a newer one, withdrawn by the organisers, or not known
 * at all), and what to do for each.
 */
export function TokenLostScreen({ reason, onReset }: { reason: RefusalReason; onReset: () => void }) {
  const i18n = useI18n<ParticipantMessageKey>();
  return (
    <Screen
      title={i18n.t(`lost.${reason}.title`)}
      actions={
        <Button large onClick={onReset}>
          {i18n.t('lost.reset')}
        </Button>
      }
    >
      <StatusBanner tone={reason === 'rotated' ? 'warn' : 'bad'}>
        {i18n.t(`lost.${reason}.explain`)}
      </StatusBanner>
      <p class="hint">{i18n.t('lost.resetHint')}</p>
    </Screen>
  );
}
