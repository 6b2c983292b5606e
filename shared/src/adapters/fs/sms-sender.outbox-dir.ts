import { join } from 'node:path';
import type { Clock } from '../../ports/common';
import type { ChannelResult, SmsMessage, SmsSender } from '../../ports/notification-channels.port';
import { fileNameFor, writeWhole } from './email-sender.mailbox';

/**
 * SMS for the embedded default with no provider: each message is a JSON file ({ to, body, key, at }) in an outbox
 * directory, named by the delivery key, written whole (temp file, then rename).
 */
export class OutboxDirSmsSender implements SmsSender {
  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
  ) {}

  async send(message: SmsMessage): Promise<ChannelResult> {
    const file = join(this.dir, fileNameFor(message.idempotencyKey, 'json'));
    const record = {
      to: message.to,
      body: message.body,
      key: message.idempotencyKey,
      at: this.clock.now().toISOString(),
    };
    await writeWhole(file, `${JSON.stringify(record, null, 2)}\n`);
    return { status: 'sent', providerId: file };
  }
}
