import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw RFC 5322 message. */
  raw: string;
  subject: string;
  /** Header lookup, case-insensitive, unfolded. */
  header(name: string): string | undefined;
}

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package, the server half of nodemailer): no TLS, any login.
 * Set `rejectRecipients` to answer RCPT TO with 550. `waitFor(n)` resolves once n messages arrived.
 */
export class SmtpTestServer {
  readonly received: ReceivedMail[] = [];
  rejectRecipients = false;
  url = '';
  private waiters: { count: number; resolve: () => void }[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      if (!this.rejectRecipients) return callback();
      const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
      callback(error);
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        this.record(session.envelope, Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    this.url = `smtp://127.0.0.1:${port}`;
    return this;
  }

  waitFor(count = this.received.length + 1, timeoutMs = 15_000): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} mails, got ${this.received.length}`)),
        timeoutMs,
      );
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private record(
    envelope: { mailFrom: false | { address: string }; rcptTo: { address: string }[] },
    raw: string,
  ): void {
    const headers = parseHeaders(raw);
    this.received.push({
      from: envelope.mailFrom ? envelope.mailFrom.address : '',
      to: envelope.rcptTo.map((r) => r.address),
      raw,
      subject: headers.get('subject') ?? '',
      header: (name) => headers.get(name.toLowerCase()),
    });
    this.waiters = this.waiters.filter((w) =>
      this.received.length >= w.count ? (w.resolve(), false) : true,
    );
  }
}

/** The header block of a message, unfolded (values of plain ASCII headers; enough for tests). */
export function parseHeaders(raw: string): Map<string, string> {
  const block = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}
