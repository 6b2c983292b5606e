import type { WebhookSender } from '../../ports/webhook-sender.port';
import { OutboundHttpClient } from './outbound-http';

/**
 * Webhooks through the outbound client: the receiver's name is resolved and checked when the connection is made
 * (never an internal address unless `allowPrivate`), redirects are not followed (a receiver that redirects could
 * bounce the POST somewhere no check saw), and a slow receiver is cut off: its delivery is retried with the bus's
 * backoff.
 */
export class HttpWebhookSender implements WebhookSender {
  private readonly client: OutboundHttpClient;

  constructor(timeoutMs = 10_000, options: { allowPrivate?: boolean } = {}) {
    this.client = new OutboundHttpClient({
      allowPrivate: options.allowPrivate ?? false,
      timeoutMs,
      maxResponseBytes: 4096,
    });
  }

  async post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number }> {
    const res = await this.client.request({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'event-photo-webhooks/1', ...headers },
      body,
    });
    return { status: res.status };
  }
}
