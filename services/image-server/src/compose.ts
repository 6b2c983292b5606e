import { PolicyUploadTargetSigner } from '@photo/shared/adapters/local/upload-target-signer.policy';
import { SharpImageInspector } from '@photo/shared/adapters/sharp/image-inspector.sharp';
import { SharpImageSanitizer } from '@photo/shared/adapters/sharp/image-sanitizer.sharp';
import { JwtVerifier } from '@photo/shared/auth/jwt-verifier';
import { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import type { ComposedService, ServiceHost } from '@photo/shared/composition/service-host';
import { uploadObjectFinalized } from '@photo/shared/events/catalog';
import { UploadPolicyCodec } from '@photo/shared/security/upload-policy';
import {
  createImageServerApp,
  imageServerHandlers,
  imageServerLinkIssuer,
  type ImageServerDeps,
  type LinkIssuer,
} from './app';
import type { ImageServerConfig } from './config';

/**
 * The embedded default: upload targets are this server's own `PUT /u/{policy}` (policies signed with a key kept in
 * DATA_DIR), and the endpoint announces each upload on the bus as Cloud Storage would.
 */
export interface LocalUploadReceiver {
  policyKey: string;
  bucket: string;
}

/** The image server: image versions, one-time links, and storage served through them. */
export function composeImageServer(
  config: ImageServerConfig,
  host: ServiceHost,
  local: LocalUploadReceiver | null = null,
): ComposedService & { issueLinks: LinkIssuer } {
  const { store, clock } = host;
  const { serviceToken } = config;
  const callers = (accounts: string[]) =>
    new ServiceCallerVerifier(new JwtVerifier(serviceToken), new Set(accounts));
  const codec = local && new UploadPolicyCodec(local.policyKey);
  const deps: ImageServerDeps = {
    ...store,
    config,
    logger: host.logger,
    clock,
    inspector: new SharpImageInspector(),
    sanitizer: new SharpImageSanitizer(),
    callers: callers(serviceToken.allowedCallers),
    readiness: host.readiness,
    isDraining: host.isDraining,
    appOrigins: config.appOrigins,
    ...(host.push ? { push: host.push } : {}),
    uploads:
      codec && local
        ? {
            signer: new PolicyUploadTargetSigner(config.publicBaseUrl, codec),
            receiver: { ...store, codec, clock, bucket: local.bucket, topic: uploadObjectFinalized.topic },
          }
        : // V4 signed URLs straight to the bucket; Cloud Storage receives and announces the uploads.
          { signer: store.uploadTargets!, receiver: null },
    ...(config.reconcile
      ? {
          reconcileTask: { ...config.reconcile, schedulerAuth: callers([config.reconcile.schedulerAccount]) },
        }
      : {}),
  };
  return {
    app: createImageServerApp(deps),
    handlers: imageServerHandlers(deps),
    concurrency: {},
    issueLinks: imageServerLinkIssuer(deps),
    start: () => undefined,
    drain: () => undefined,
    stop: async () => undefined,
  };
}
