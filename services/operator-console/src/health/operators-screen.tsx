import type { components } from '@photo/web/api/client';
import { useI18n } from '@photo/web/i18n/i18n';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { Screen } from '@photo/web/ui/screen';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useEffect, useState } from 'preact/hooks';
import { call, type CallFailure } from '../app/call';
import { useConsole } from '../app/console-context';
import type { ConsoleMessageKey } from '../i18n/messages';
import { DataTable } from '../ui/data-table';
import './health.css';

type Operator = components['schemas']['OperatorList']['items'][number];

/** Who can sign in to run the event (Auth0's users and roles in the cloud; the dev users on the embedded default). */
export function OperatorsScreen() {
  const i18n = useI18n<ConsoleMessageKey>();
  const { api } = useConsole();
  const [items, setItems] = useState<Operator[] | null>(null);
  const [failure, setFailure] = useState<CallFailure | null>(null);

  useEffect(() => {
    let live = true;
    void call(() => api.GET('/admin/operators')).then((result) => {
      if (!live) return;
      if (result.ok) setItems(result.data.items);
      else setFailure(result.failure);
    });
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <Screen title={i18n.t('nav.operators')}>
      <p>{i18n.t('operators.explain')}</p>
      {failure && <ErrorNotice code={failure.code} requestId={failure.requestId} />}
      {items?.length === 0 && <StatusBanner tone="info">{i18n.t('operators.none')}</StatusBanner>}
      {items && items.length > 0 && (
        <>
          <p class="list-count">{i18n.t('operators.count', { count: items.length })}</p>
          <DataTable
            label={i18n.t('operators.table')}
            columns={[
              i18n.t('participants.name'),
              ...(['email', 'roles', 'userId'] as const).map((c) => i18n.t(`operators.${c}`)),
            ]}
          >
            {items.map((o) => (
              <tr key={o.userId}>
                <td>{o.name ?? '—'}</td>
                <td>{o.email ?? '—'}</td>
                <td>
                  {o.roles.map((role) => (
                    <span key={role} class="pill pill-role">
                      {role}
                    </span>
                  ))}
                </td>
                <td>
                  <code>{o.userId}</code>
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </Screen>
  );
}
