import { generateKeyPairSync } from 'node:crypto';
import type WebPush from 'web-push';
import type { ChannelResult, PushMessage, PushSender } from '../../ports/notification-channels.port';
import { channelFailure } from '../http/channel-failure';
import { OutboundHttpClient, type OutboundResponse } from '../http/outbound-http';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * Web Push with the `web-push` library doing the protocol: the payload is encrypted for the subscription's keys
 * (aes128gcm, RFC 8291) and signed with our VAPID key (RFC 8292); the request itself goes through the outbound client, so an endpoint that
 * is or resolves to an internal address is never reached (`allowPrivate` lifts that for a development system whose
 * push service runs on this machine). A 404 or 410 means
 * the subscription is gone for good; other failures are classified by channelFailure.
 */
// Loaded on the first push, not at start-up: with its crypto dependencies it is ~40 ms of a restart's CPU.
let library: Promise<typeof WebPush> | null = null;
const webPush = () => (library ??= import('web-push').then((m) => m.default));

export class WebPushSender implements PushSender {
  private readonly client: OutboundHttpClient;

  constructor(
    private readonly vapid: VapidKeys & { subject: string },
    timeoutMs = 10_000,
    options: { allowPrivate?: boolean } = {},
  ) {
    this.client = new OutboundHttpClient({
      allowPrivate: options.allowPrivate ?? false,
      timeoutMs,
      maxResponseBytes: 4096,
    });
  }

  async send(message: PushMessage): Promise<ChannelResult> {
    const details = (await webPush()).generateRequestDetails(
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
    let response: OutboundResponse;
    try {
      response = await this.client.request({
        url: details.endpoint,
        method: details.method,
        headers: Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)])),
        body: details.body,
      });
    } catch (error) {
      return channelFailure('push service', null, (error as Error).message);
    }
    if (response.status >= 200 && response.status < 300) {
      const location = response.headers.location;
      return { status: 'sent', providerId: typeof location === 'string' ? location : null };
    }
    if (response.status === 404 || response.status === 410)
      return { status: 'gone', reason: `push service answered ${response.status}` };
    return channelFailure('push service', response.status, response.body.toString('utf8', 0, 300));
  }
}

/**
 * A new VAPID key pair (P-256), base64url as browsers' applicationServerKey expects: the public key as its 65-byte
 * uncompressed point, the private key as its 32-byte scalar (what web-push's own generator returns).
 */
export function generateVapidKeys(): VapidKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const point = publicKey.export({ format: 'jwk' });
  const uncompressed = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(point.x!, 'base64url'),
    Buffer.from(point.y!, 'base64url'),
  ]);
  return {
    publicKey: uncompressed.toString('base64url'),
    privateKey: privateKey.export({ format: 'jwk' }).d!,
  };
}
