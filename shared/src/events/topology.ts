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

/**
 * The retry budget, sized for a burst (docs/scaling.md): at max instances Cloud Run answers 429, which Pub/Sub counts
 * as a failed attempt, so the window must outlast the backlog, not just a hiccup. Backoff doubling from 10 s to 600 s
 * over 15 attempts waits 5,430 s (~90 min) in all (retryWindowSeconds, bus/delivery-policy.ts): an operator's 500
 * images at ~10 s each drain through even a single job slot (5,000 s) before any is dead-lettered. A poison message
 * is dead-lettered at once (rejected), so the budget only delays giving up on transient failures.
 */
const defaults = {
  ackDeadlineSeconds: 60,
  maxDeliveryAttempts: 15,
  minBackoffSeconds: 10,
  maxBackoffSeconds: 600,
};
/** Pixel work on a 24 MP image takes seconds, not minutes; the deadline leaves room for a slow instance. */
const imageWork = { ...defaults, ackDeadlineSeconds: 300 };

export const SUBSCRIPTIONS: SubscriptionSpec[] = [
  {
    name: 'backend-api.image-updated',
    topic: 'image-updated',
    service: 'backend-api',
    ordered: true,
    ...defaults,
  },
  {
    name: 'backend-api.dead-letters',
    topic: DEAD_LETTER_TOPIC,
    service: 'backend-api',
    ordered: false,
    ...defaults,
  },
  {
    name: 'image-server.variant-ready',
    topic: 'image-variant-ready',
    service: 'image-server',
    ordered: true,
    ...defaults,
  },
  {
    name: 'clustering-worker.image-uploaded',
    topic: 'image-uploaded',
    service: 'clustering-worker',
    ordered: false,
    ...imageWork,
  },
  {
    name: 'generation-worker.generation-requested',
    topic: 'generation-requested',
    service: 'generation-worker',
    ordered: false,
    ...imageWork,
  },
  {
    name: 'processing-worker.processing-requested',
    topic: 'processing-requested',
    service: 'processing-worker',
    ordered: false,
    ...imageWork,
  },
  // Automation of the colour chain: each rule reads the event's settings and publishes a request, once per version.
  {
    name: 'generation-worker.image-clustered',
    topic: 'image-clustered',
    service: 'generation-worker',
    ordered: false,
    ...defaults,
  },
  {
    name: 'processing-worker.image-clustered',
    topic: 'image-clustered',
    service: 'processing-worker',
    ordered: false,
    ...defaults,
  },
  // Routed by source (a Pub/Sub subscription filter: attributes.source = "likes").
  {
    name: 'notification-worker.activity',
    topic: 'activity',
    service: 'notification-worker',
    ordered: false,
    filter: { source: 'likes' },
    ...defaults,
  },
  // Cloud Storage's notifications of the gallery prefix; only new objects (attributes.eventType = "OBJECT_FINALIZE").
  {
    name: 'gallery-api.storage-events',
    topic: 'gallery-storage',
    service: 'gallery-api',
    ordered: false,
    filter: { eventType: 'OBJECT_FINALIZE' },
    ...defaults,
  },
  // Registering an object copies it through the image server: image work, in order per object.
  {
    name: 'gallery-api.catalog-objects',
    topic: 'gallery-objects',
    service: 'gallery-api',
    ordered: true,
    ...imageWork,
  },
  // Direct uploads: Cloud Storage's notifications of uploads/ (only new objects), the backfill on its own topic with
  // lower concurrency so new uploads go first, webhooks retried with backoff, and status changes for live streams.
  {
    name: 'upload-pipeline.uploads-finalized',
    topic: 'uploads-finalized',
    service: 'upload-pipeline',
    ordered: false,
    filter: { eventType: 'OBJECT_FINALIZE' },
    ...imageWork,
  },
  {
    name: 'upload-pipeline.backfill',
    topic: 'upload-backfill',
    service: 'upload-pipeline',
    ordered: false,
    ...imageWork,
  },
  {
    name: 'upload-pipeline.callbacks',
    topic: 'upload-callbacks',
    service: 'upload-pipeline',
    ordered: false,
    ...defaults,
  },
  {
    name: 'backend-api.upload-status',
    topic: 'upload-status',
    service: 'backend-api',
    ordered: false,
    ...defaults,
  },
];

export const TOPICS = [...new Set(SUBSCRIPTIONS.map((s) => s.topic))];

export function subscriptionSpec(name: string): SubscriptionSpec {
  const spec = SUBSCRIPTIONS.find((s) => s.name === name);
  if (!spec) throw new Error(`Unknown subscription ${name}`);
  return spec;
}

/** Topics whose subscriptions dead-letter: a dead letter names one of them, and a replay publishes to it again. */
export const DEAD_LETTERED_TOPICS = [
  ...new Set(SUBSCRIPTIONS.filter((s) => s.topic !== DEAD_LETTER_TOPIC).map((s) => s.topic)),
];

/**
 * The topics each deployed service publishes to, and no others: infra/pubsub.tf grants `pubsub.publisher` on exactly
 * these (infra/test holds them equal), and a test walks each service's code from its main.ts to hold this list to what
 * it publishes. Every push receiver publishes poison messages to the dead-letter topic; the backend relays likes'
 * outbox (activity) and replays dead letters to the topic they came from. Cloud Storage publishes uploads-finalized
 * and gallery-storage; `npm run uploads:backfill` publishes upload-backfill with its operator's own credentials.
 */
export const PUBLISHED_TOPICS: Record<string, readonly string[]> = {
  'backend-api': [
    ...new Set([
      'generation-requested',
      'processing-requested',
      'activity',
      DEAD_LETTER_TOPIC,
      ...DEAD_LETTERED_TOPICS,
    ]),
  ],
  'image-server': ['image-uploaded', 'image-updated', 'image-clustered', DEAD_LETTER_TOPIC],
  'clustering-worker': ['image-variant-ready', DEAD_LETTER_TOPIC],
  'generation-worker': ['image-variant-ready', 'generation-requested', DEAD_LETTER_TOPIC],
  'processing-worker': ['image-variant-ready', 'processing-requested', DEAD_LETTER_TOPIC],
  'notification-worker': ['activity', DEAD_LETTER_TOPIC],
  'gallery-api': ['gallery-objects', DEAD_LETTER_TOPIC],
  'upload-pipeline': ['upload-status', 'upload-callbacks', DEAD_LETTER_TOPIC],
};
