import type { BackendClient } from '@photo/web/api/client';
import type { OidcAppContext } from '@photo/web/ui/oidc-app';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** What every screen of a logged-in operator works with. */
export interface ConsoleServices {
  api: BackendClient;
  /** The token's permissions: a screen hides what they do not allow (the API refuses it anyway). */
  can(permission: string): boolean;
  context: OidcAppContext;
}

export const ConsoleContext = createContext<ConsoleServices | null>(null);

export function useConsole(): ConsoleServices {
  const services = useContext(ConsoleContext);
  if (!services) throw new Error('useConsole needs a ConsoleContext.Provider above it');
  return services;
}
