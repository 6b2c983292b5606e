import type { WebhookSender } from '../../ports/webhook-sender.port';

/**
 * Webhooks over fetch. Redirects are not followed (a receiver that redirects could bounce the POST somewhere the
 * URL check never saw), and a slow receiver is cut off: its delivery is retried with the bus's backoff.
 */
export class HttpWebhookSender implements WebhookSender {
  constructor(private readonly timeoutMs = 10_000) {}

  async post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number }> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'event-photo-webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await res.body?.cancel();
    return { status: res.status };
  }
}
