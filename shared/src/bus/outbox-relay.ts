import type { Logger } from '../http/logger';
import type { Clock } from '../ports/common';
import type { EventPublisher } from '../ports/event-bus.port';
import type { OutboxRepository } from '../ports/outbox.port';

export interface OutboxRelayOptions {
  /** How often it looks for entries nobody woke it for (a crash between commit and publish, another process). */
  intervalMs: number;
  batchSize?: number;
}

/**
 * Publishes the transactional outbox: every unpublished entry goes to the bus as it was committed (topic, data,
 * attributes with its `source`, ordering key), oldest first, and is then marked published. It runs at start, on a
 * timer, and whenever a commit in this process wakes it. A crash after publishing and before marking publishes the
 * entry again: delivery is at-least-once and consumers are idempotent. A publish that fails leaves the entry (and
 * those after it) for the next round.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** Until start(): a wake does nothing, so a relay that is off stays off. */
  private stopped = true;

  constructor(
    private readonly deps: {
      outbox: OutboxRepository;
      publisher: EventPublisher;
      clock: Clock;
      logger: Logger;
    },
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.options.intervalMs);
    this.timer.unref();
    this.wake();
  }

  /** Asks for a round soon; rounds never overlap, and a wake during one makes another follow it. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.runOnce().catch((err: unknown) =>
          this.deps.logger.warn({ err }, 'outbox relay round failed'),
        );
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
  }

  /**
   * Wakes the relay and resolves once the round that publishes what is pending now has ended; never rejects (a failed
   * publish leaves the entry for the next round). A request that committed an entry awaits this before it answers:
   * on Cloud Run an instance has CPU only while it handles requests, so work left for later may wait for the next
   * request, however long that is.
   */
  async flush(): Promise<void> {
    this.wake();
    await this.running;
  }

  /** Publishes until nothing is pending (or a publish fails); returns how many entries it published. */
  async runOnce(): Promise<number> {
    const batchSize = this.options.batchSize ?? 100;
    let published = 0;
    for (;;) {
      const entries = await this.deps.outbox.pending(batchSize);
      const done: string[] = [];
      try {
        for (const entry of entries) {
          await this.deps.publisher.publish(entry.topic, entry.message);
          done.push(entry.id);
        }
      } finally {
        if (done.length > 0) await this.deps.outbox.markPublished(done, this.deps.clock.now());
        published += done.length;
      }
      if (entries.length < batchSize) return published;
    }
  }

  /** Stops the timer and waits for a round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
