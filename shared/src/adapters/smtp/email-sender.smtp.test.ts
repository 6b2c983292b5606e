import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpTestServer } from '../../testing/smtp-test-server';
import { SmtpEmailSender } from './email-sender.smtp';

const message = {
  to: 'aiko@example.com',
  subject: 'Ben liked your photo',
  text: 'Ben liked your photo. Open it: eventphoto://images/img_1',
  html: '<p>Ben liked your photo.</p>',
  idempotencyKey: 'ntf_1:email',
};

describe('SmtpEmailSender against a real SMTP server on loopback', () => {
  let smtp: SmtpTestServer;
  beforeAll(async () => {
    smtp = await new SmtpTestServer().start();
  });
  afterAll(() => smtp.stop());

  it('when a message is sent, then the server receives it for the recipient with subject, body and delivery key', async () => {
    const sender = new SmtpEmailSender(smtp.url, 'Event Photo <notify@event-photo.local>');
    const result = await sender.send(message);
    sender.close();
    expect(result).toMatchObject({ status: 'sent', providerId: expect.any(String) });
    const [mail] = smtp.received;
    expect(mail).toMatchObject({
      from: 'notify@event-photo.local',
      to: ['aiko@example.com'],
      subject: 'Ben liked your photo',
    });
    expect(mail!.header('x-event-photo-delivery')).toBe('ntf_1:email');
    expect(mail!.raw).toContain('eventphoto://images/img_1');
    expect(mail!.raw).toContain('<p>Ben liked your photo.</p>');
  });

  it('when the server refuses the recipient with 550, then a permanent failure', async () => {
    smtp.rejectRecipients = true;
    const sender = new SmtpEmailSender(smtp.url, 'notify@event-photo.local');
    const result = await sender.send(message);
    sender.close();
    smtp.rejectRecipients = false;
    expect(result).toMatchObject({
      status: 'failed',
      retryable: false,
      reason: expect.stringContaining('550'),
    });
  });

  it('when no server listens, then a transient failure', async () => {
    const closed = await new SmtpTestServer().start();
    await closed.stop();
    const sender = new SmtpEmailSender(closed.url, 'notify@event-photo.local');
    const result = await sender.send(message);
    sender.close();
    expect(result).toMatchObject({ status: 'failed', retryable: true });
  });
});
