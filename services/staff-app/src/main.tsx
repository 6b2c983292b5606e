import { startOidcApp } from '@photo/web/ui/oidc-app';
import { PERMISSIONS_NEEDED } from './app/permissions';
import { STAFF_MESSAGES } from './i18n/messages';
import { StaffApp } from './staff-app';

// Read before the login callback cleans the URL: coming back from the login page starts a new count of handled.
const freshLogin = new URLSearchParams(location.search).has('code');

startOidcApp(document.getElementById('app')!, {
  catalogs: STAFF_MESSAGES,
  titleKey: 'app.title',
  requiredPermissions: PERMISSIONS_NEEDED,
  children: (context) => <StaffApp context={context} freshLogin={freshLogin} />,
});
