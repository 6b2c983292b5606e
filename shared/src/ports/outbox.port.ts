import type { OutgoingMessage } from './event-bus.port';

/** A message committed with the state change it announces, waiting for the relay to publish it. */
export interface OutboxEntry {
  id: string;
  topic: string;
  message: OutgoingMessage;
  createdAt: Date;
}

/**
 * The transactional outbox: rows are written inside other repositories' transactions; the relay publishes them to
 * the bus and marks them published. Publishing is at-least-once (a crash between publish and mark publishes again).
 */
export interface OutboxRepository {
  /** Unpublished entries, oldest first. */
  pending(limit: number): Promise<OutboxEntry[]>;
  markPublished(ids: string[], at: Date): Promise<void>;
  /** Forgets entries published before `before`; returns how many. */
  deletePublished(before: Date): Promise<number>;
}
