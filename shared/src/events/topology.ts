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
const imageWork = { ackDeadlineSeconds: 300 };
const ordered = { ordered: true };

/** A subscription named `<service>.<purpose>`, unordered with the default budget unless `options` says otherwise. */
const subscription = (
  name: string,
  topic: string,
  options: Partial<SubscriptionSpec> = {},
): SubscriptionSpec => ({
  name,
  topic,
  service: name.slice(0, name.indexOf('.')),
  ordered: false,
  ...defaults,
  ...options,
});

export const SUBSCRIPTIONS: SubscriptionSpec[] = [
  subscription('backend-api.image-updated', 'image-updated', ordered),
  subscription('backend-api.dead-letters', DEAD_LETTER_TOPIC),
  subscription('image-server.variant-ready', 'image-variant-ready', ordered),
  subscription('clustering-worker.image-uploaded', 'image-uploaded', imageWork),
  subscription('generation-worker.generation-requested', 'generation-requested', imageWork),
  subscription('processing-worker.processing-requested', 'processing-requested', imageWork),
  // Automation of the colour chain: each rule reads the event's settings and publishes a request, once per version.
  subscription('generation-worker.image-clustered', 'image-clustered'),
  subscription('processing-worker.image-clustered', 'image-clustered'),
  // Routed by source (a Pub/Sub subscription filter: attributes.source = "likes").
  subscription('notification-worker.activity', 'activity', { filter: { source: 'likes' } }),
  // Cloud Storage's notifications of the gallery prefix; only new objects (attributes.eventType = "OBJECT_FINALIZE").
  subscription('gallery-api.storage-events', 'gallery-storage', { filter: { eventType: 'OBJECT_FINALIZE' } }),
  // Registering an object copies it through the image server: image work, in order per object.
  subscription('gallery-api.catalog-objects', 'gallery-objects', { ...imageWork, ...ordered }),
  // Direct uploads: Cloud Storage's notifications of uploads/ (only new objects), the backfill on its own topic with
  // lower concurrency so new uploads go first, webhooks retried with backoff, and status changes for live streams.
  subscription('upload-pipeline.uploads-finalized', 'uploads-finalized', {
    ...imageWork,
    filter: { eventType: 'OBJECT_FINALIZE' },
  }),
  subscription('upload-pipeline.backfill', 'upload-backfill', imageWork),
  subscription('upload-pipeline.callbacks', 'upload-callbacks'),
  subscription('backend-api.upload-status', 'upload-status'),
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
