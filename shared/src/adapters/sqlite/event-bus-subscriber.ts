import type { SubscriptionSpec } from '../../events/topology';
import type { Logger } from '../../http/logger';
import type { HandlerOutcome, MessageHandler } from '../../ports/event-bus.port';

/** A leased delivery as the bus reads it: the message and how many attempts it has had. */
export interface DeliveryRow {
  seq: number;
  message_id: string;
  topic: string;
  data: Buffer;
  attributes: string;
  ordering_key: string | null;
  publish_time: number;
  attempts: number;
}

/** What a subscriber needs of its bus: leases, settlements, and a wake-up when something is published. */
export interface SubscriberHost {
  lease(spec: SubscriptionSpec, limit: number): DeliveryRow[];
  /** Keeps a delivery's lease while its handler runs, until the returned release is called. */
  hold(spec: SubscriptionSpec, row: DeliveryRow): () => void;
  settle(spec: SubscriptionSpec, row: DeliveryRow, outcome: HandlerOutcome): void;
  onPublish(listener: (topic: string) => void): () => void;
  readonly logger: Logger;
  readonly pollIntervalMs: number;
}

/** One subscription's pull loop: leases due messages, runs the handler, settles the outcome. */
export class Subscriber {
  private running = false;
  private inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => void) | null = null;
  private pumping = false;
  private again = false;

  constructor(
    private readonly bus: SubscriberHost,
    private readonly spec: SubscriptionSpec,
    private readonly handler: MessageHandler,
    private readonly concurrency: number,
  ) {}

  start(): void {
    this.running = true;
    this.unlisten = this.bus.onPublish((topic) => {
      if (topic === this.spec.topic) this.pump();
    });
    this.timer = setInterval(() => this.pump(), this.bus.pollIntervalMs);
    this.timer.unref();
    this.pump();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.unlisten?.();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private pump(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        const free = this.concurrency - this.inFlight.size;
        if (free <= 0) break;
        for (const row of this.bus.lease(this.spec, free)) this.track(this.deliver(row));
      } while (this.again && this.running);
    } catch (err) {
      this.bus.logger.error({ err, subscription: this.spec.name }, 'bus lease failed');
    } finally {
      this.pumping = false;
    }
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => {
      this.inFlight.delete(p);
      this.pump();
    });
  }

  private async deliver(row: DeliveryRow): Promise<void> {
    let outcome: HandlerOutcome;
    const release = this.bus.hold(this.spec, row);
    try {
      outcome = await this.handler({
        messageId: row.message_id,
        data: row.data,
        attributes: JSON.parse(row.attributes) as Record<string, string>,
        orderingKey: row.ordering_key,
        publishTime: new Date(row.publish_time),
        deliveryAttempt: row.attempts,
        subscription: this.spec.name,
      });
    } catch (err) {
      outcome = { status: 'retry', reason: err instanceof Error ? err.message : String(err) };
    } finally {
      release();
    }
    if (outcome.status !== 'done') {
      // A skip is an expected case (nothing to do for this message), not a problem to look into.
      const level = outcome.status === 'skipped' ? 'info' : 'warn';
      this.bus.logger[level](
        { subscription: this.spec.name, messageId: row.message_id, attempt: row.attempts, outcome },
        'delivery not done',
      );
    }
    try {
      this.bus.settle(this.spec, row, outcome);
    } catch (err) {
      // The lease will expire and the message will be delivered again: at-least-once, nothing lost.
      this.bus.logger.error({ err, subscription: this.spec.name }, 'bus settle failed');
    }
  }
}
