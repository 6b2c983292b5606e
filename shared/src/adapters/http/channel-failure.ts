import type { ChannelResult } from '../../ports/notification-channels.port';

/**
 * A delivery an HTTP provider did not take: no answer (`status` null), 429 and 5xx are transient; any other answer
 * (an invalid number, a refused payload) will not improve with retries.
 */
export const channelFailure = (provider: string, status: number | null, detail: string): ChannelResult => ({
  status: 'failed',
  retryable: status === null || status === 429 || status >= 500,
  reason:
    status === null ? `${provider} unreachable: ${detail}` : `${provider} answered ${status}: ${detail}`,
});
