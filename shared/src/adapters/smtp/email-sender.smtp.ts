import type * as Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { ChannelResult, EmailMessage, EmailSender } from '../../ports/notification-channels.port';

/** Header carrying the delivery's idempotency key, so duplicates can be told apart downstream. */
const IDEMPOTENCY_HEADER = 'X-Event-Photo-Delivery';

/** The mail nodemailer sends or composes for a message. */
export const mailOf = (from: string, message: EmailMessage): Nodemailer.SendMailOptions => ({
  from,
  to: message.to,
  subject: message.subject,
  text: message.text,
  html: message.html,
  headers: { [IDEMPOTENCY_HEADER]: message.idempotencyKey },
});

/** Socket errors worth another try later (the server down or unreachable), as opposed to a refusal. */
const TRANSIENT = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKET',
  'ECONNECTION',
  'EDNS',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Maps a nodemailer error: SMTP 4xx and connection trouble are transient; 5xx replies are permanent. */
export function smtpFailure(error: unknown): ChannelResult {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const reason = `smtp: ${e.responseCode ?? e.code ?? 'error'} ${e.message ?? String(error)}`.slice(0, 500);
  if (typeof e.responseCode === 'number')
    return { status: 'failed', retryable: e.responseCode < 500, reason };
  return { status: 'failed', retryable: e.code === undefined || TRANSIENT.has(e.code), reason };
}

// Loaded on the first message, not at start-up: nodemailer is ~60 ms of a restart's CPU.
let library: Promise<typeof Nodemailer> | null = null;
export const nodemailer = () => (library ??= import('nodemailer'));

/** E-mail over SMTP (nodemailer), to the server named by a URL: smtp://user:pass@host:587 or smtps://…:465. */
export class SmtpEmailSender implements EmailSender {
  private transport: Transporter | null = null;
  private closed = false;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
  ) {}

  async send(message: EmailMessage): Promise<ChannelResult> {
    try {
      const { createTransport } = await nodemailer();
      if (this.closed) throw new Error('the sender is closed');
      this.transport ??= createTransport(this.smtpUrl);
      const info = await this.transport.sendMail(mailOf(this.from, message));
      return { status: 'sent', providerId: typeof info.messageId === 'string' ? info.messageId : null };
    } catch (error) {
      return smtpFailure(error);
    }
  }

  close(): void {
    this.closed = true;
    this.transport?.close();
  }
}
