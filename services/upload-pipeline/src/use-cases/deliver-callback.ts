import { done, rejected, retry, skipped } from '@photo/shared/bus/event-handler';
import { toUploadView } from '@photo/shared/http/upload-views';
import type { HandlerOutcome, ReceivedMessage } from '@photo/shared/ports/event-bus.port';
import { signWebhook, SIGNATURE_HEADER } from '@photo/shared/security/webhook-signature';
import type { UploadPipelineDeps } from '../deps';

/**
 * Delivers an upload's webhook: the intent as GET /uploads/{id} shows it, signed with the intent's callback secret.
 * A non-2xx answer or no answer is retried with the bus's backoff; after the last attempt the callback is recorded
 * `failed` and the message dead-lettered. The intent records every attempt, so nothing fails silently.
 */
export async function deliverCallback(
  deps: Pick<UploadPipelineDeps, 'uploads' | 'webhooks' | 'clock' | 'config'>,
  event: { intentId: string; revision: number },
  message: ReceivedMessage,
): Promise<HandlerOutcome> {
  const intent = await deps.uploads.get(event.intentId);
  if (!intent) return rejected(`upload ${event.intentId} does not exist`);
  if (!intent.callbackUrl || !intent.callbackSecret) return skipped('no callback URL');
  if ((intent.callback.deliveredRevision ?? 0) >= event.revision) return skipped('already delivered');
  const body = JSON.stringify({ type: `upload.${intent.status}`, upload: toUploadView(intent) });
  const headers = {
    [SIGNATURE_HEADER]: signWebhook(intent.callbackSecret, body, deps.clock.now()),
    'X-Upload-Id': intent.intentId,
    'X-Upload-Delivery': message.messageId,
  };
  let error: string | null = null;
  try {
    const { status } = await deps.webhooks.post(intent.callbackUrl, body, headers);
    if (status < 200 || status > 299) error = `the callback URL answered ${status}`;
  } catch (err) {
    error = `no answer from the callback URL: ${err instanceof Error ? err.message : String(err)}`.slice(
      0,
      500,
    );
  }
  const last = message.deliveryAttempt >= deps.config.callbackAttempts;
  await deps.uploads.update(intent.intentId, (i) => ({
    ...i,
    callback: {
      state: error === null ? 'delivered' : last ? 'failed' : 'pending',
      attempts: i.callback.attempts + 1,
      lastError: error ?? i.callback.lastError,
      deliveredRevision: error === null ? event.revision : i.callback.deliveredRevision,
      updatedAt: deps.clock.now(),
    },
    updatedAt: deps.clock.now(),
  }));
  return error === null ? done() : retry(error);
}
