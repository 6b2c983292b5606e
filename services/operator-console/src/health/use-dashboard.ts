import type { components } from '@photo/web/api/client';
import { readApiError } from '@photo/web/api/errors';
import { SessionEndedError } from '@photo/web/auth/session';
import { useEffect, useState } from 'preact/hooks';
import type { CallFailure } from '../app/call';
import { useConsole } from '../app/console-context';

export type Dashboard = components['schemas']['EventDashboard'];

/** How often the dashboard asks again while it is on screen; an unchanged answer is a 304 with no body. */
const REFRESH_MS = 3000;

export interface DashboardState {
  dashboard: Dashboard | null;
  failure: CallFailure | null;
  checkedAt: Date | null;
}

/** The live dashboard: polled with If-None-Match while the page is visible; the last answer stays through a failure. */
export function useDashboard(): DashboardState {
  const { api } = useConsole();
  const [state, setState] = useState<DashboardState>({ dashboard: null, failure: null, checkedAt: null });

  useEffect(() => {
    let live = true;
    let etag: string | null = null;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async (): Promise<Partial<DashboardState>> => {
      try {
        const { data, error, response } = await api.GET('/admin/dashboard', {
          params: { header: etag ? { 'If-None-Match': etag } : {} },
        });
        if (response.status === 304) return { failure: null, checkedAt: new Date() };
        if (response.ok && data) {
          etag = response.headers.get('etag');
          return { dashboard: data, failure: null, checkedAt: new Date() };
        }
        const info = readApiError(error);
        return {
          failure: { code: info?.code ?? `HTTP.${response.status}`, requestId: info?.requestId ?? null },
        };
      } catch (err) {
        // The app asks for a login then; until it is done the figures shown stay, marked as not current.
        if (err instanceof SessionEndedError)
          return { failure: { code: 'AUTH.TOKEN_EXPIRED', requestId: null } };
        console.error(err);
        return { failure: { code: null, requestId: null } };
      }
    };
    const refresh = async () => {
      if (document.visibilityState === 'visible') {
        const change = await poll();
        if (!live) return;
        setState((s) => ({ ...s, ...change }));
      }
      timer = setTimeout(() => void refresh(), REFRESH_MS);
    };
    void refresh();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api]);

  return state;
}
