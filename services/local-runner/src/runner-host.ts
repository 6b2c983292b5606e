import { join } from 'node:path';
import { DevIdpServiceTokenSource } from '@photo/shared/adapters/http/local-service-tokens';
import type { ServiceHost, StoreSet } from '@photo/shared/composition/service-host';
import type { Logger } from '@photo/shared/http/logger';
import type { DevIdentityProvider } from '@photo/shared/identity/dev-identity-provider';
import type { Clock } from '@photo/shared/ports/common';
import { ACCOUNTS } from './identity';

/**
 * Each service's host in the runner: the one store set they share, the dev identity provider's tokens for its calls,
 * and scratch files in DATA_DIR/tmp. Embedded, the bus delivers in process and the apps serve no push endpoint; in
 * cloud mode Pub/Sub pushes to each app, unauthenticated (the emulator sends no token). Scheduled tasks run on timers.
 */
export function runnerHosts(input: {
  adapters: StoreSet;
  logger: Logger;
  clock: Clock;
  idp: DevIdentityProvider;
  dataDir: string;
  cloud: boolean;
  isDraining: () => boolean;
}) {
  return (service: string): ServiceHost => ({
    store: input.adapters,
    logger: input.logger.child({ service }),
    clock: input.clock,
    projectId: null,
    push: input.cloud ? { pushAuth: null } : null,
    schedulerAuth: null,
    readiness: { store: input.adapters.ping },
    isDraining: input.isDraining,
    tokens: new DevIdpServiceTokenSource(
      input.idp,
      ACCOUNTS[service as keyof typeof ACCOUNTS] ?? `${service}@embedded.local`,
    ),
    tmpDir: join(input.dataDir, 'tmp'),
  });
}
