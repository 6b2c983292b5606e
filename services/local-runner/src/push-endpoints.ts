import { ensureTopology } from '@photo/shared/adapters/gcp/pubsub-topology';
import type { CloudAdapters } from '@photo/shared/composition/cloud';
import { SUBSCRIPTIONS, subscriptionSpec } from '@photo/shared/events/topology';
import type { Logger } from '@photo/shared/http/logger';
import { startServer, type RunningServer } from '@photo/shared/http/server';
import { createWorkerApp } from '@photo/shared/http/worker-app';
import type { MessageHandler } from '@photo/shared/ports/event-bus.port';

/**
 * Cloud mode: each service's handlers behind the push endpoint it has on Cloud Run (the same pubsubPushRoutes), one
 * local server per service, and the Pub/Sub topology pointed at them. The emulator sends no OIDC token, so push
 * authentication is off here, explicitly.
 */
export async function startPushEndpoints(
  cloud: CloudAdapters,
  handlers: Record<string, MessageHandler>,
  options: {
    host: string;
    logger: Logger;
    isDraining: () => boolean;
    activity: { inFlight: number; lastAt: number };
  },
): Promise<RunningServer[]> {
  const tracked =
    (handler: MessageHandler): MessageHandler =>
    async (message) => {
      options.activity.inFlight++;
      try {
        return await handler(message);
      } finally {
        options.activity.inFlight--;
        options.activity.lastAt = Date.now();
      }
    };
  const byService = new Map<string, Record<string, MessageHandler>>();
  for (const [name, handler] of Object.entries(handlers)) {
    const service = subscriptionSpec(name).service;
    byService.set(service, { ...byService.get(service), [name]: tracked(handler) });
  }
  const servers: RunningServer[] = [];
  const urls: Record<string, string> = {};
  for (const [service, own] of byService) {
    const app = createWorkerApp({
      logger: options.logger.child({ service }),
      projectId: null,
      handlers: own,
      publisher: cloud.publisher,
      pushAuth: null,
      readiness: {},
      isDraining: options.isDraining,
    });
    const server = await startServer(app, {
      port: 0,
      host: options.host,
      logger: options.logger,
      name: `${service} push endpoint`,
    });
    servers.push(server);
    urls[service] = server.url;
  }
  const subscribed = SUBSCRIPTIONS.filter((s) => urls[s.service]);
  await ensureTopology(cloud.pubsub, subscribed, urls, { pushAuth: null });
  return servers;
}
