import type { ChannelResult } from '@photo/shared/ports/notification-channels.port';
import type { FinalState } from '@photo/shared/ports/delivery-repository.port';

/** How one claimed delivery ended: final, or to be tried again after a backoff. */
export type Settlement = { state: FinalState; reason: string | null } | { state: 'retry'; reason: string };

/** A channel's answer as a settlement: a transient failure is retried, a permanent one is final. */
export function settlementOf(result: ChannelResult): Settlement {
  switch (result.status) {
    case 'sent':
      return { state: 'sent', reason: null };
    case 'gone':
      return { state: 'skipped', reason: result.reason };
    case 'failed':
      return result.retryable
        ? { state: 'retry', reason: result.reason }
        : { state: 'failed', reason: result.reason };
  }
}
