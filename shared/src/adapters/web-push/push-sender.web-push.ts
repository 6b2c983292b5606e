import webpush from 'web-push';
import type { ChannelResult, PushMessage, PushSender } from '../../ports/notification-channels.port';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * Web Push with the `web-push` library doing the protocol: the payload is encrypted for the subscription's keys
 * (aes128gcm, RFC 8291) and signed with our VAPID key (RFC 8292); the request itself is sent with fetch, so the
 * endpoint may be any URL the app registered (tests run a push service on http://127.0.0.1). A 404 or 410 means
 * the subscription is gone for good; 429 and 5xx are transient; other answers are permanent refusals.
 */
export class WebPushSender implements PushSender {
  constructor(
    private readonly vapid: VapidKeys & { subject: string },
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: PushMessage): Promise<ChannelResult> {
    const details = webpush.generateRequestDetails(
      { endpoint: message.target.endpoint, keys: message.target.keys },
      message.payload,
      {
        vapidDetails: this.vapid,
        TTL: message.ttlSeconds,
        contentEncoding: 'aes128gcm',
        urgency: 'normal',
        ...(message.topic ? { topic: message.topic } : {}),
      },
    );
    let response: Response;
    try {
      response = await fetch(details.endpoint, {
        method: details.method,
        headers: Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)])),
        body: details.body === null ? null : new Uint8Array(details.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return {
        status: 'failed',
        retryable: true,
        reason: `push service unreachable: ${(error as Error).message}`,
      };
    }
    const text = (await response.text()).slice(0, 300);
    if (response.ok) return { status: 'sent', providerId: response.headers.get('location') };
    if (response.status === 404 || response.status === 410)
      return { status: 'gone', reason: `push service answered ${response.status}` };
    const retryable = response.status === 429 || response.status >= 500;
    return { status: 'failed', retryable, reason: `push service answered ${response.status}: ${text}` };
  }
}

/** A new VAPID key pair (P-256), base64url as browsers' applicationServerKey expects. */
export const generateVapidKeys = (): VapidKeys => webpush.generateVAPIDKeys();
