import type { ChannelResult, SmsMessage, SmsSender } from '../../ports/notification-channels.port';
import { channelFailure } from './channel-failure';

export interface TwilioSmsOptions {
  /** https://api.twilio.com, or any service answering the same Messages API. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** The sending number (E.164) or a messaging service's sender. */
  from: string;
  timeoutMs?: number;
}

/**
 * SMS through an HTTP API shaped like Twilio's: POST /2010-04-01/Accounts/{sid}/Messages.json with a form-encoded
 * To, From and Body, HTTP basic auth (sid:token); a 201 answers the message's `sid`; other answers
 * are failures as channelFailure classifies them.
 */
export class TwilioSmsSender implements SmsSender {
  constructor(private readonly options: TwilioSmsOptions) {}

  async send(message: SmsMessage): Promise<ChannelResult> {
    const { baseUrl, accountSid, authToken, from } = this.options;
    const url = `${baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ To: message.to, From: from, Body: message.body }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      return channelFailure('sms provider', null, (error as Error).message);
    }
    const text = await response.text();
    if (response.ok) {
      const sid = (JSON.parse(text || '{}') as { sid?: unknown }).sid;
      return { status: 'sent', providerId: typeof sid === 'string' ? sid : null };
    }
    return channelFailure('sms provider', response.status, text.slice(0, 300));
  }
}
