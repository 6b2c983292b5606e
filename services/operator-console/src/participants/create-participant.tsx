import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { ErrorNotice } from '@photo/web/ui/error-notice';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useState } from 'preact/hooks';
import { call, type CallFailure } from '../app/call';
import { useConsole } from '../app/console-context';
import { useDraft } from '../app/drafts';
import { hashFor } from '../app/use-hash-route';
import type { ConsoleMessageKey } from '../i18n/messages';
import { Field } from '../ui/field';

/** One participant by hand: name, and optionally e-mail and the organiser's reference. */
export function CreateParticipant({ onCreated }: { onCreated: () => void }) {
  const i18n = useI18n<ConsoleMessageKey>();
  const { api } = useConsole();
  const draft = useDraft('create-participant', { displayName: '', email: '', externalRef: '' });
  const form = draft.value;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CallFailure | null>(null);
  const [created, setCreated] = useState<{ name: string; visitorId: string } | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await call(() =>
      api.POST('/participants', {
        body: {
          displayName: form.displayName,
          email: form.email.trim() || null,
          externalRef: form.externalRef.trim() || null,
        },
      }),
    );
    setBusy(false);
    if (!result.ok) return setFailure(result.failure);
    const { participant } = result.data;
    setCreated({ name: participant.displayName, visitorId: participant.visitorId });
    draft.clear();
    onCreated();
  }

  const field = (key: keyof typeof form, type = 'text') => (
    <Field label={i18n.t(`create.${key}`)}>
      {(id) => (
        <input
          id={id}
          class="input"
          type={type}
          required={key === 'displayName'}
          maxLength={key === 'email' ? 254 : 100}
          value={form[key]}
          onInput={(ev) => draft.set({ ...form, [key]: ev.currentTarget.value })}
        />
      )}
    </Field>
  );

  return (
    <section class="panel" aria-labelledby="create-title">
      <h3 id="create-title">{i18n.t('create.title')}</h3>
      <form class="form-row" onSubmit={(e) => void submit(e)}>
        {field('displayName')}
        {field('email', 'email')}
        {field('externalRef')}
        <Button type="submit" disabled={busy}>
          {i18n.t('create.submit')}
        </Button>
      </form>
      {failure && <ErrorNotice code={failure.code} requestId={failure.requestId} />}
      {created && (
        <StatusBanner tone="ok">
          {i18n.t('create.done', { name: created.name })}{' '}
          <a href={hashFor('badges', { one: created.visitorId })}>{i18n.t('create.badge')}</a>
        </StatusBanner>
      )}
    </section>
  );
}
