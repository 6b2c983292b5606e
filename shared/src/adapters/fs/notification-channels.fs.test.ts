import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../ports/common';
import { tempDir } from '../../testing/system-under-test';
import { parseHeaders } from '../../testing/smtp-test-server';
import { MailboxEmailSender } from './email-sender.mailbox';
import { OutboxDirSmsSender } from './sms-sender.outbox-dir';
import { loadOrCreateVapidKeys } from './vapid-keys.fs';

describe('embedded channel adapters on the filesystem', () => {
  let dir: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    dir = await tempDir('channels-');
  });
  afterEach(() => dir.remove());

  it('when an e-mail goes to the mailbox, then an .eml file named by its key holds the whole message, once', async () => {
    const sender = new MailboxEmailSender(join(dir.dir, 'mailbox'), 'notify@event-photo.local');
    const message = {
      to: 'aiko@example.com',
      subject: 'Ben liked your photo',
      text: 'Open it',
      html: '<p>Open it</p>',
      idempotencyKey: 'ntf_1:email',
    };
    const first = await sender.send(message);
    const second = await sender.send({ ...message, subject: 'changed' });
    expect(first).toEqual({ status: 'sent', providerId: join(dir.dir, 'mailbox', 'ntf_1_email.eml') });
    expect(second).toEqual(first);
    const raw = await readFile(join(dir.dir, 'mailbox', 'ntf_1_email.eml'), 'utf8');
    const headers = parseHeaders(raw);
    expect(headers.get('subject')).toBe('Ben liked your photo');
    expect(headers.get('to')).toBe('aiko@example.com');
    expect(headers.get('x-event-photo-delivery')).toBe('ntf_1:email');
  });

  it('when an SMS goes to the outbox directory, then a JSON file holds the number and the text', async () => {
    const sender = new OutboxDirSmsSender(join(dir.dir, 'sms'), systemClock);
    expect(
      await sender.send({ to: '+819012345678', body: 'Ben liked your photo', idempotencyKey: 'ntf_1:sms' }),
    ).toMatchObject({ status: 'sent' });
    const record = JSON.parse(await readFile(join(dir.dir, 'sms', 'ntf_1_sms.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(record).toMatchObject({ to: '+819012345678', body: 'Ben liked your photo', key: 'ntf_1:sms' });
  });

  it('when VAPID keys are loaded twice, then the first start generates them and the second reads the same pair', async () => {
    const file = join(dir.dir, 'notifications', 'vapid.json');
    const first = await loadOrCreateVapidKeys(file);
    expect(first.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(await loadOrCreateVapidKeys(file)).toEqual(first);
  });
});
