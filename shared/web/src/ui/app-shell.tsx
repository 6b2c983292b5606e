import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { I18nContext, type I18n } from '../i18n/i18n';
import { Button } from './button';
import { LanguageSwitch } from './language-switch';
import './base.css';

export interface AppShellProps<K extends string> {
  /** The app's i18n state, provided to everything inside. */
  i18n: I18n<K>;
  /** The app's name, the page's h1 and the document's title. */
  title: string;
  /** Shown when someone is logged in, with a logout button. */
  user?: { name: string; onLogout: () => void } | null;
  children?: ComponentChildren;
}

/** The frame of every app: a header (name, language switch, logout) and the main content. */
export function AppShell<K extends string>({ i18n, title, user, children }: AppShellProps<K>) {
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <I18nContext.Provider value={i18n as unknown as I18n<string>}>
      <div class="app-shell">
        <header class="app-header">
          <h1 class="app-title">{title}</h1>
          <div class="app-header-actions">
            <LanguageSwitch />
            {user && (
              <Button
                variant="secondary"
                onClick={user.onLogout}
                title={i18n.t('shell.loggedInAs', { name: user.name })}
              >
                {i18n.t('shell.logout')}
              </Button>
            )}
          </div>
        </header>
        <main class="app-main">{children}</main>
      </div>
    </I18nContext.Provider>
  );
}
