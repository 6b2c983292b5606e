import './console.css';
import { useI18n } from '@photo/web/i18n/i18n';
import type { OidcAppContext } from '@photo/web/ui/oidc-app';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useMemo } from 'preact/hooks';
import { ConsoleContext, type ConsoleServices } from './app/console-context';
import { isOperator, visibleSections, type SectionId } from './app/permissions';
import { hashFor, useHashRoute } from './app/use-hash-route';
import { BadgesScreen } from './badges/badges-screen';
import type { ConsoleMessageKey } from './i18n/messages';
import { ImagesScreen } from './images/images-screen';
import { AutomationScreen } from './automation/automation-screen';
import { ParticipantsScreen } from './participants/participants-screen';
import { AuditScreen } from './health/audit-screen';
import { DashboardScreen } from './health/dashboard-screen';
import { DeadLettersScreen } from './health/dead-letters-screen';
import { OperatorsScreen } from './health/operators-screen';

/** The console of a logged-in operator: the sections the token allows, one at a time. */
export function ConsoleApp({ context }: { context: OidcAppContext }) {
  const i18n = useI18n<ConsoleMessageKey>();
  const { permissions, user } = context.session;
  const services = useMemo<ConsoleServices>(
    () => ({ api: context.api, can: (p) => permissions.has(p), context }),
    [context],
  );
  const route = useHashRoute();
  if (!isOperator(permissions))
    return <StatusBanner tone="bad">{i18n.t('permission.lacking', { name: user.name })}</StatusBanner>;
  const sections = visibleSections(permissions);
  const current: SectionId | null =
    sections.find((s) => s.id === route.section)?.id ?? sections[0]?.id ?? null;
  return (
    <ConsoleContext.Provider value={services}>
      <nav class="console-nav" aria-label={i18n.t('nav.label')}>
        {sections.map((s) => (
          <a
            key={s.id}
            href={hashFor(s.id)}
            class="console-nav-link"
            aria-current={s.id === current ? 'page' : undefined}
          >
            {i18n.t(`nav.${s.id}`)}
          </a>
        ))}
      </nav>
      {current === null && <StatusBanner tone="info">{i18n.t('nav.nothing')}</StatusBanner>}
      {current === 'participants' && <ParticipantsScreen />}
      {current === 'badges' && <BadgesScreen params={route.params} />}
      {current === 'images' && <ImagesScreen />}
      {current === 'automation' && <AutomationScreen />}
      {current === 'dashboard' && <DashboardScreen />}
      {current === 'deadLetters' && <DeadLettersScreen />}
      {current === 'operators' && <OperatorsScreen />}
      {current === 'audit' && <AuditScreen />}
    </ConsoleContext.Provider>
  );
}
