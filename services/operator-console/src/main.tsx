import { startOidcApp } from '@photo/web/ui/oidc-app';
import { ConsoleApp } from './console-app';
import { CONSOLE_MESSAGES } from './i18n/messages';

// The console checks its permissions itself: any one operator permission opens it, each section needs its own.
startOidcApp(document.getElementById('app')!, {
  catalogs: CONSOLE_MESSAGES,
  titleKey: 'app.title',
  requiredPermissions: [],
  children: (context) => <ConsoleApp context={context} />,
});
