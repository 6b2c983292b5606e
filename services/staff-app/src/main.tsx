import { PERMISSIONS_NEEDED, STAFF_MESSAGES } from './messages';
import { startOidcApp } from '@photo/web/ui/oidc-app';
import { Screen } from '@photo/web/ui/screen';
import { useI18n } from '@photo/web/i18n/i18n';
import type { StaffKey } from './messages';

function Home() {
  const i18n = useI18n<StaffKey>();
  return (
    <Screen title={i18n.t('home.title')}>
      <p>{i18n.t('home.ready')}</p>
    </Screen>
  );
}

startOidcApp(document.getElementById('app')!, {
  catalogs: STAFF_MESSAGES,
  titleKey: 'app.title',
  requiredPermissions: PERMISSIONS_NEEDED,
  children: () => <Home />,
});
