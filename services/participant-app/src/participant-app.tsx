import './participant.css';
import './gallery.css';
import { useEffect, useState } from 'preact/hooks';
import { useI18nState } from '@photo/web/i18n/i18n';
import { AppShell } from '@photo/web/ui/app-shell';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { adoptToken, boot, forgetParticipant, type Boot } from './app/boot';
import type { FragmentToken } from './join/join-link';
import type { RefusalReason } from './app/token-refusal';
import { PARTICIPANT_MESSAGES } from './i18n/messages';
import { Home } from './screens/home';
import { JoinScreen } from './screens/join-screen';
import { TokenLostScreen } from './screens/token-lost-screen';

type Ready = Extract<Boot, { kind: 'ready' }>;
type Phase =
  | { kind: 'loading' }
  | Exclude<Boot, Ready>
  | (Ready & { justRegistered?: boolean })
  | { kind: 'lost'; stores: Ready['stores']; reason: RefusalReason }
  | { kind: 'erased'; config: Ready['config']; stores: Ready['stores'] };

/** The participant app: the join link or registration, then my photos, live, and my notifications. */
export function ParticipantApp({ fromAddress }: { fromAddress: FragmentToken }) {
  const i18n = useI18nState(PARTICIPANT_MESSAGES);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [config, setConfig] = useState<Extract<Boot, { kind: 'ready' }>['config'] | null>(null);
  useEffect(() => {
    void boot(fromAddress).then((booted) => {
      if (booted.kind !== 'config-failed') setConfig(booted.config);
      setPhase(booted);
    });
  }, []);

  return (
    <AppShell i18n={i18n} title={i18n.t('app.title')}>
      {phase.kind === 'loading' && <StatusBanner tone="info">{i18n.t('app.loading')}</StatusBanner>}
      {phase.kind === 'config-failed' && <StatusBanner tone="bad">{i18n.t('error.config')}</StatusBanner>}
      {(phase.kind === 'join' || phase.kind === 'erased') && (
        <JoinScreen
          config={phase.config}
          badLink={phase.kind === 'join' && phase.badLink}
          erased={phase.kind === 'erased'}
          onJoined={async (token, code) => {
            await adoptToken(phase.stores, token);
            await phase.stores.token.keepCode(code);
            setPhase({
              kind: 'ready',
              config: phase.config,
              stores: phase.stores,
              token,
              justRegistered: true,
            });
          }}
        />
      )}
      {phase.kind === 'lost' && config && (
        <TokenLostScreen
          reason={phase.reason}
          onReset={async () => {
            await forgetParticipant(phase.stores);
            setPhase({ kind: 'join', config, stores: phase.stores, badLink: false });
          }}
        />
      )}
      {phase.kind === 'ready' && (
        <Home
          key={phase.token}
          config={phase.config}
          stores={phase.stores}
          token={phase.token}
          justRegistered={phase.justRegistered}
          onTokenRefused={(reason) => setPhase({ kind: 'lost', stores: phase.stores, reason })}
          onErased={() =>
            // Fresh, empty stores: the old databases were deleted.
            void boot({ token: null, present: false }).then((booted) =>
              setPhase(booted.kind === 'join' ? { ...booted, kind: 'erased' } : booted),
            )
          }
        />
      )}
    </AppShell>
  );
}
