import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n';
import { Button } from './button';
import { LanguageSwitch } from './language-switch';
import './base.css';

export interface AppShellProps {
  /** The app's name, the page's h1. */
  title: string;
  /** Shown when someone is logged in, with a logout button. */
  user?: { name: string; onLogout: () => void } | null;
  children?: ComponentChildren;
}

/** The frame of every app: a header (name, language switch, logout) and the main content. */
export function AppShell({ title, user, children }: AppShellProps) {
  const i18n = useI18n();
  return (
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
  );
}
