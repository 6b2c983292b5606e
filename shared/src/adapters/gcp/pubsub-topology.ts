import type { CreateSubscriptionOptions, PubSub } from '@google-cloud/pubsub';
import { DEAD_LETTER_TOPIC, type SubscriptionSpec } from '../../events/topology';
import { PUSH_PATH } from '../../http/pubsub-push.routes';
import { isAlreadyExists, wrote } from './grpc-status';

export interface TopologyOptions {
  /**
   * Push requests carry a Google-signed OIDC token of this service account, with this audience (left out, Pub/Sub
   * uses the push endpoint URL). Null: no token. The emulator never sends one, whatever is configured.
   */
  pushAuth: { serviceAccountEmail: string; audience?: string } | null;
}

export interface TopologyReport {
  topics: { name: string; created: boolean }[];
  subscriptions: { name: string; created: boolean }[];
}

/**
 * Creates the topics and push subscriptions of `subscriptions` (and the dead-letter topic), for the emulator and
 * local cloud-mode runs; production declares the same topology in Terraform. Idempotent: what exists is kept, and
 * an existing subscription gets its push endpoint and delivery settings refreshed, since local endpoints move
 * between runs (its filter and ordering cannot change after creation).
 * Every subscription but the dead-letter topic's own forwards a message to the dead-letter topic after
 * `maxDeliveryAttempts` (on a real project only once the Pub/Sub service agent may publish to that topic and
 * subscribe to the source: Terraform grants that). The emulator accepts all of these settings but, as of 0.8.x,
 * honours only some: see pubsub-topology.test.ts.
 */
export async function ensureTopology(
  pubsub: PubSub,
  subscriptions: SubscriptionSpec[],
  pushBaseUrls: Readonly<Record<string, string>>,
  options: TopologyOptions,
): Promise<TopologyReport> {
  const unrouted = [...new Set(subscriptions.map((s) => s.service))].filter((s) => !pushBaseUrls[s]);
  if (unrouted.length > 0) throw new Error(`No push URL for service(s): ${unrouted.join(', ')}`);

  const report: TopologyReport = { topics: [], subscriptions: [] };
  for (const name of new Set([DEAD_LETTER_TOPIC, ...subscriptions.map((s) => s.topic)])) {
    report.topics.push({ name, created: await wrote(() => pubsub.createTopic(name), isAlreadyExists) });
  }
  const deadLetterTopic = pubsub.topic(DEAD_LETTER_TOPIC).name;
  for (const spec of subscriptions) {
    const settings = subscriptionSettings(
      spec,
      pushEndpoint(pushBaseUrls[spec.service]!),
      deadLetterTopic,
      options,
    );
    const isNew = await wrote(
      () => pubsub.topic(spec.topic).createSubscription(spec.name, settings),
      isAlreadyExists,
    );
    if (!isNew) {
      const { enableMessageOrdering: _ordering, filter: _filter, ...mutable } = settings;
      await pubsub.subscription(spec.name).setMetadata(mutable);
    }
    report.subscriptions.push({ name: spec.name, created: isNew });
  }
  return report;
}

export const pushEndpoint = (baseUrl: string): string => `${baseUrl.replace(/\/+$/, '')}${PUSH_PATH}`;

export function subscriptionSettings(
  spec: SubscriptionSpec,
  endpoint: string,
  deadLetterTopic: string,
  options: TopologyOptions,
): CreateSubscriptionOptions {
  const auth = options.pushAuth;
  return {
    pushConfig: {
      pushEndpoint: endpoint,
      ...(auth
        ? {
            oidcToken: {
              serviceAccountEmail: auth.serviceAccountEmail,
              ...(auth.audience ? { audience: auth.audience } : {}),
            },
          }
        : {}),
    },
    ackDeadlineSeconds: spec.ackDeadlineSeconds,
    retryPolicy: {
      minimumBackoff: { seconds: spec.minBackoffSeconds },
      maximumBackoff: { seconds: spec.maxBackoffSeconds },
    },
    // The dead letters' own subscription must not dead-letter into itself.
    ...(spec.topic === DEAD_LETTER_TOPIC
      ? {}
      : { deadLetterPolicy: { deadLetterTopic, maxDeliveryAttempts: spec.maxDeliveryAttempts } }),
    enableMessageOrdering: spec.ordered,
    ...(spec.filter ? { filter: attributeFilter(spec.filter) } : {}),
  };
}

/**
 * `{ a: 'x', 'b.c': 'y' }` → `attributes."a" = "x" AND attributes."b.c" = "y"`. Keys are always quoted: the filter
 * language needs that for anything beyond letters, digits, `-` and `_`.
 */
export function attributeFilter(filter: Record<string, string>): string {
  return Object.entries(filter)
    .map(([key, value]) => `attributes.${JSON.stringify(key)} = ${JSON.stringify(value)}`)
    .join(' AND ');
}
