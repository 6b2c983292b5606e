/**
 * Subscriptions of the system: who listens to which topic, and how hard it tries. The embedded bus creates these;
 * the Terraform in infra/ declares the same ones for Cloud Pub/Sub.
 */
export interface SubscriptionSpec {
  name: string;
  topic: string;
  /** The service whose handler receives the messages. */
  service: string;
  ackDeadlineSeconds: number;
  maxDeliveryAttempts: number;
  minBackoffSeconds: number;
  maxBackoffSeconds: number;
  ordered: boolean;
  /** Only messages whose attributes match every entry are delivered (Pub/Sub subscription filter). */
  filter?: Record<string, string>;
}

export const DEAD_LETTER_TOPIC = 'dead-letters';

const defaults = { ackDeadlineSeconds: 60, maxDeliveryAttempts: 5, minBackoffSeconds: 10, maxBackoffSeconds: 600 };

export const SUBSCRIPTIONS: SubscriptionSpec[] = [
  { name: 'backend-api.image-updated', topic: 'image-updated', service: 'backend-api', ordered: true, ...defaults },
  { name: 'backend-api.dead-letters', topic: DEAD_LETTER_TOPIC, service: 'backend-api', ordered: false, ...defaults },
];

export const TOPICS = [...new Set(['image-uploaded', ...SUBSCRIPTIONS.map((s) => s.topic)])];
