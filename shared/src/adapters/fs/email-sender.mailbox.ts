import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Transporter } from 'nodemailer';
import type { ChannelResult, EmailMessage, EmailSender } from '../../ports/notification-channels.port';
import { mailOf, nodemailer } from '../smtp/email-sender.smtp';

/** A delivery key as a file name: only the characters the keys use survive. */
export const fileNameFor = (key: string, extension: string): string =>
  `${key.replace(/[^A-Za-z0-9_.-]/g, '_')}.${extension}`;

/** Writes `file` whole (a temp file, then a rename), so a reader never sees part of it. */
export async function writeWhole(file: string, content: string | Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, content);
  await rename(temp, file);
}

/**
 * E-mail for the embedded default with no SMTP server: each message is written as an RFC 5322 `.eml` file (the
 * same bytes an SMTP server would receive, built by nodemailer) into a mailbox directory, which any mail client
 * opens. The file is named by the delivery key and written whole (temp file, then rename): a repeat is not
 * written twice.
 */
export class MailboxEmailSender implements EmailSender {
  private composer: Transporter | null = null;

  constructor(
    private readonly dir: string,
    private readonly from: string,
  ) {}

  async send(message: EmailMessage): Promise<ChannelResult> {
    const file = join(this.dir, fileNameFor(message.idempotencyKey, 'eml'));
    if (await exists(file)) return { status: 'sent', providerId: file };
    this.composer ??= (await nodemailer()).createTransport({
      streamTransport: true,
      buffer: true,
      newline: 'unix',
    });
    const info = await this.composer.sendMail(mailOf(this.from, message));
    await writeWhole(file, info.message as Buffer);
    return { status: 'sent', providerId: file };
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
