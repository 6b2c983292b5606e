import {
  EXTERNAL_CHANNELS,
  type ExternalChannel,
  type NotificationPreferences,
} from '@photo/shared/domain/notification';
import { quietHoursEnd } from './quiet-hours';

export interface RateLimit {
  /** At most this many sends per window (0 turns the channel off for everyone). */
  max: number;
  windowMs: number;
}

export interface PlanInput {
  now: Date;
  preferences: Pick<NotificationPreferences, 'channels' | 'quietHours' | 'timeZone'>;
  /** Why a channel cannot reach the recipient (no subscription, no address, not configured); absent when it can. */
  unreachable: Partial<Record<ExternalChannel, string>>;
  /** Sends per channel within its rate-limit window, up to `now`. */
  sentInWindow: Record<ExternalChannel, number>;
  limits: Record<ExternalChannel, RateLimit>;
  /** E-mail waits this long, and then goes only if the in-app item is still unread. */
  emailDelayMs: number;
  /** The in-app item was read before the digest window closed. */
  read: boolean;
}

export type ChannelPlan =
  | { channel: 'in-app'; action: 'shown' }
  | { channel: ExternalChannel; action: 'send'; at: Date; note: string | null }
  | { channel: ExternalChannel; action: 'skip'; reason: string };

const windowName = (ms: number): string =>
  ms % 86_400_000 === 0
    ? `${ms / 86_400_000} d`
    : ms % 3_600_000 === 0
      ? `${ms / 3_600_000} h`
      : `${ms / 1000} s`;

/**
 * Decides, for one notification whose digest window just closed, which channels carry it and when. Pure: the
 * caller reads the preferences, reachability and rate-limit state, and schedules what comes back.
 *
 * - In-app is always shown (the row exists already).
 * - Nothing goes out when the in-app item was already read: the recipient has seen it.
 * - A channel goes out only if the recipient turned it on, it can reach them, and its rate limit has room.
 * - Quiet hours (in the recipient's time zone) hold every channel: push and SMS that would go now, and e-mail that
 *   would go inside them, wait until the quiet hours end.
 * - E-mail waits `emailDelayMs` first, so that it goes only if the in-app item is still unread by then (checked
 *   again when it is sent).
 */
export function planChannels(input: PlanInput): ChannelPlan[] {
  const plans: ChannelPlan[] = [{ channel: 'in-app', action: 'shown' }];
  const { now, preferences } = input;
  for (const channel of EXTERNAL_CHANNELS) {
    const skip = (reason: string) => plans.push({ channel, action: 'skip', reason });
    const limit = input.limits[channel];
    if (input.read) skip('already read in the app');
    else if (!preferences.channels[channel]) skip('turned off by the recipient');
    else if (input.unreachable[channel] !== undefined) skip(input.unreachable[channel]);
    else if (input.sentInWindow[channel] >= limit.max)
      skip(`rate limit: ${limit.max} per ${windowName(limit.windowMs)}`);
    else if (channel === 'email')
      plans.push(
        sendPlan(channel, new Date(now.getTime() + input.emailDelayMs), preferences, 'if still unread'),
      );
    else plans.push(sendPlan(channel, now, preferences, null));
  }
  return plans;
}

/** A send at `due`; if that falls in quiet hours, when they end. */
function sendPlan(
  channel: ExternalChannel,
  due: Date,
  preferences: PlanInput['preferences'],
  note: string | null,
): ChannelPlan {
  const quiet = preferences.quietHours;
  const quietEnd = quiet ? quietHoursEnd(due, quiet, preferences.timeZone) : null;
  if (quietEnd === null) return { channel, action: 'send', at: due, note };
  const held = `quiet hours until ${quiet!.end}`;
  return { channel, action: 'send', at: quietEnd, note: note ? `${note}; ${held}` : held };
}

/** One line for the delivery log: `push now; email +600s (if still unread); sms skipped (turned off by the recipient)`. */
export function describePlan(plans: ChannelPlan[], now: Date): string {
  return plans
    .map((p) => {
      if (p.action === 'shown') return null;
      if (p.action === 'skip') return `${p.channel} skipped (${p.reason})`;
      const delay = Math.round((p.at.getTime() - now.getTime()) / 1000);
      return `${p.channel} ${delay <= 0 ? 'now' : `+${delay}s`}${p.note ? ` (${p.note})` : ''}`;
    })
    .filter((line) => line !== null)
    .join('; ');
}

/** Retries of a failed send: exponential from `minMs`, capped at `maxMs` (10 s, 20 s, 40 s, … as the bus does). */
export function retryDelayMs(attempt: number, backoff: { minMs: number; maxMs: number }): number {
  return Math.min(backoff.maxMs, backoff.minMs * 2 ** Math.max(0, attempt - 1));
}
