/**
 * What a channel adapter reports. Adapters translate their vendor's errors into these: `gone` means the address
 * will never work again (a push subscription answered 404 or 410); `failed` says whether trying later may help.
 */
export type ChannelResult =
  | { status: 'sent'; providerId: string | null }
  | { status: 'gone'; reason: string }
  | { status: 'failed'; retryable: boolean; reason: string };

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The delivery's key, sent as a header so a provider or a reader can tell duplicates apart. */
  idempotencyKey: string;
}

/** E-mail (SMTP in production; a local mailbox directory embedded). */
export interface EmailSender {
  send(message: EmailMessage): Promise<ChannelResult>;
}

export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushMessage {
  target: PushTarget;
  /** The payload the service worker receives, encrypted for the subscription's keys (RFC 8291). */
  payload: string;
  /** How long the push service may hold it for an offline device. */
  ttlSeconds: number;
  /** Replaces an undelivered message with the same topic (RFC 8030). */
  topic?: string;
}

/** Web Push (RFC 8030 + VAPID RFC 8292 + message encryption RFC 8291) to the push service of the subscription. */
export interface PushSender {
  send(message: PushMessage): Promise<ChannelResult>;
}

export interface SmsMessage {
  /** E.164. */
  to: string;
  body: string;
  idempotencyKey: string;
}

/** SMS (an HTTP provider shaped like Twilio's Messages API; a local outbox directory embedded). */
export interface SmsSender {
  send(message: SmsMessage): Promise<ChannelResult>;
}
