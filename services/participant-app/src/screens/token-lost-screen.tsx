import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import type { ParticipantMessageKey } from '../i18n/messages';

/** The kept token was refused (401): what happened, and what to do. */
export function TokenLostScreen({ onReset }: { onReset: () => void }) {
  const i18n = useI18n<ParticipantMessageKey>();
  return (
    <Screen
      title={i18n.t('lost.title')}
      actions={
        <Button large onClick={onReset}>
          {i18n.t('lost.reset')}
        </Button>
      }
    >
      <StatusBanner tone="bad">{i18n.t('lost.explain')}</StatusBanner>
    </Screen>
  );
}
