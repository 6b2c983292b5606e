import type { Page, PageRequest } from './common';

export interface DeadLetter {
  id: string;
  subscription: string;
  topic: string;
  messageId: string;
  /** The original message, as published. */
  data: Buffer;
  attributes: Record<string, string>;
  orderingKey: string | null;
  reason: string;
  attempts: number;
  /** 'exhausted': retries ran out; 'rejected': the handler refused the message as poison. */
  kind: 'exhausted' | 'rejected';
  deadLetteredAt: Date;
  replayedAt: Date | null;
}

/** Messages no handler could process, kept with their reason for operators to inspect and replay. */
export interface DeadLetterRepository {
  /** Idempotent per (subscription, messageId). */
  record(letter: DeadLetter): Promise<DeadLetter>;
  get(id: string): Promise<DeadLetter | null>;
  /** Newest first. */
  list(page: PageRequest): Promise<Page<DeadLetter>>;
  markReplayed(id: string, at: Date): Promise<void>;
  /** How many letters wait for an operator: those never replayed. */
  countWaiting(): Promise<number>;
}
