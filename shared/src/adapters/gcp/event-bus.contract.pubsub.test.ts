import { PubSub } from '@google-cloud/pubsub';
import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { silentLogger } from '../../http/logger';
import { createBaseApp } from '../../http/base-app';
import { PUSH_PATH, pubsubPushRoutes } from '../../http/pubsub-push.routes';
import { startServer } from '../../http/server';
import { eventBusContract } from '../../ports/contracts/event-bus.contract';
import { uniqueProjectId } from '../../testing/emulators';
import { PubSubEventPublisher } from './event-publisher.pubsub';
import { ensureTopology } from './pubsub-topology';

/**
 * Pub/Sub as Cloud Run sees it: topics and push subscriptions made by ensureTopology on the emulator, pushing to a
 * worker app's push route, which decodes the envelope and calls the handler. The emulator (0.8.x) does not apply
 * filters, sends no delivery attempt count and fails to forward to the dead-letter topic: those cases are checked
 * at the push route (pubsub-topology.test.ts shows the emulator's behaviour).
 */
describe.skipIf(!process.env.PUBSUB_EMULATOR_HOST)('Pub/Sub emulator', () => {
  eventBusContract('pubsub', {
    gaps: {
      filters: 'the emulator does not filter: held at the push route',
      deadLetterForwarding: 'the emulator neither counts attempts nor forwards: checked at the push route',
    },
    patienceMs: 20_000,
    setup: async (subscriptions) => {
      // A project per test: the emulator keeps topics and subscriptions across tests and runs.
      const pubsub = new PubSub({ projectId: uniqueProjectId('bus') });
      const publisher = new PubSubEventPublisher(pubsub);
      const specs = subscriptions.map((s) => s.spec);
      const logger = silentLogger();
      // A worker's app, but with the contract's subscriptions in place of the system's.
      const push = pubsubPushRoutes({
        handlers: Object.fromEntries(subscriptions.map((s) => [s.spec.name, s.handler])),
        publisher,
        pushAuth: null,
        subscriptions: specs,
      });
      const app = createBaseApp({
        logger,
        projectId: null,
        readiness: {},
        isDraining: () => false,
        routes: [push],
      });
      const server = await startServer(app, { port: 0, host: '127.0.0.1', logger, name: 'push-target' });
      await ensureTopology(pubsub, specs, { contract: server.url }, { pushAuth: null });
      return {
        publisher,
        pushAttempt: async (subscription, message, deliveryAttempt) => {
          const envelope = {
            message: {
              data: message.data.toString('base64'),
              attributes: message.attributes,
              messageId: randomUUID(),
              publishTime: new Date().toISOString(),
            },
            subscription: `projects/${pubsub.projectId}/subscriptions/${subscription}`,
            deliveryAttempt,
          };
          const res = await fetch(`${server.url}${PUSH_PATH}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(envelope),
          });
          return res.status;
        },
        teardown: async () => {
          // Push subscriptions outlive the test in the emulator and would keep pushing at a closed port.
          const [existing] = await pubsub.getSubscriptions();
          await Promise.all(existing.map((s) => s.delete()));
          await publisher.flush();
          await pubsub.close();
          await server.close(1000);
        },
      };
    },
  });
});
