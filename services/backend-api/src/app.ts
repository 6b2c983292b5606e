import type { Express } from 'express';
import type { JwtVerifier } from '@photo/shared/auth/jwt-verifier';
import type { StoreSet } from '@photo/shared/composition/service-host';
import { createBaseApp } from '@photo/shared/http/base-app';
import type { ReadinessCheck } from '@photo/shared/http/health';
import type { Logger } from '@photo/shared/http/logger';
import type { Clock } from '@photo/shared/ports/common';
import type { MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { QrCodec } from '@photo/shared/security/qr-codec';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { openApiDocumentRoutes } from '@photo/shared/http/openapi-document';
import { pubsubPushRoutes } from '@photo/shared/http/pubsub-push.routes';
import { answeredFirst, firstOf } from '@photo/shared/http/answered-first';
import { Authenticator } from './auth/authenticator';
import { deadLetterHandler } from './handlers/dead-letter.handler';
import { imageUpdatedHandler } from './handlers/image-updated.handler';
import type { BackendConfig } from './config';
import type { BackendRateLimits } from './rate-limits';
import type { UpdateHub } from './live/update-hub';
import { adminRoutes } from './routes/admin.routes';
import { operatorRoutes } from './routes/operators.routes';
import type { OperatorDirectory } from '@photo/shared/ports/operator-directory.port';
import { imageRoutes } from './routes/images.routes';
import { meRoutes } from './routes/me.routes';
import { imageUrlListener } from './routes/image-url.listener';
import { updatesNotModifiedListener } from './routes/updates-not-modified.listener';
import { likeRoutes } from './routes/likes.routes';
import { notificationSettingsRoutes } from './routes/notification-settings.routes';
import { notificationRoutes } from './routes/notifications.routes';
import type { RequestUploadDeps } from './uploads/request-upload';
import { uploadStatusHandler } from './uploads/upload-status.handler';
import { uploadRoutes } from './uploads/uploads.routes';
import { buildOpenApiDocument } from './http/openapi';
import { participantRoutes } from './routes/participants.routes';
import { participantTokenRoutes } from './routes/participant-tokens.routes';
import { actionRecorder } from './routes/audit';
import { auditRoutes } from './routes/audit.routes';
import { automationRoutes } from './routes/automation.routes';
import { pipelineRoutes } from './routes/pipeline.routes';
import { dashboardRoutes } from './routes/dashboard.routes';
import { eventDashboard } from './use-cases/event-dashboard';
import { IMPORT_BODY_LIMIT, JSON_BODY_LIMIT } from './routes/schemas';

/** What the backend needs for likes, the inbox and notification settings. */
export interface BackendNotificationDeps {
  likes: StoreSet['likes'];
  notifications: StoreSet['notifications'];
  settings: StoreSet['notificationSettings'];
  /**
   * Publishes what a like committed to the outbox, before the like answers (OutboxRelay.flush): relay latency does not
   * depend on traffic. The relay's timer and the notification worker's dispatch sweep are the backstops.
   */
  wakeRelay: () => Promise<void>;
  /** Notifications link into the app: deepLinkBase + imageId. */
  deepLinkBase: string;
  /** The VAPID public key the app subscribes with (applicationServerKey); null when push is not configured. */
  vapidPublicKey: string | null;
  /** Accept http://127.0.0.1 push endpoints (tests); production accepts https only. */
  allowLoopbackPushEndpoints: boolean;
}

/** The store's ports the backend uses; `audit` records who did what, `automation` is the colour chain's settings. */
type BackendStore = Pick<
  StoreSet,
  'participants' | 'images' | 'palettes' | 'updates' | 'deadLetters' | 'publisher' | 'audit' | 'automation'
>;

export interface BackendDeps extends BackendStore {
  config: Pick<BackendConfig, 'projectId' | 'selfRegistration' | 'streamRecheckMs' | 'streamHeartbeatMs'>;
  logger: Logger;
  clock: Clock;
  imageServer: ImageServerClient;
  userTokens: JwtVerifier;
  qr: QrCodec;
  hub: UpdateHub;
  /** Auth0's users and roles for the console; null when the Management API is not configured. */
  operators: OperatorDirectory | null;
  readiness: Record<string, ReadinessCheck>;
  isDraining: () => boolean;
  /** Per-caller limits of the routes that create or cost; the counters are shared by every instance. */
  limits: { limiter: StoreSet['limiter']; rules: BackendRateLimits };
  /** Cloud Run: Pub/Sub pushes this service's subscriptions here (absent when the embedded bus delivers in-process). */
  push?: { pushAuth: ServiceCallerVerifier | null };
  /** Likes, the inbox and notification settings (absent: those routes are not mounted). */
  notifications?: BackendNotificationDeps;
  /** Direct uploads: signed targets, the pipeline's progress (absent: those routes are not mounted). */
  uploads?: Pick<RequestUploadDeps, 'uploads' | 'signer' | 'rules'>;
  /** The browser apps' origins CORS allows (absent: none). */
  appOrigins?: readonly string[];
}

/** This service's subscriptions and their handlers: the embedded bus and the push endpoint both use this list. */
export function backendHandlers(
  deps: Pick<BackendDeps, 'updates' | 'hub' | 'deadLetters' | 'clock' | 'uploads'>,
): Record<string, MessageHandler> {
  return {
    'backend-api.image-updated': imageUpdatedHandler(deps),
    'backend-api.dead-letters': deadLetterHandler(deps),
    ...(deps.uploads ? { 'backend-api.upload-status': uploadStatusHandler(deps) } : {}),
  };
}

/** The backend API: participants, check-in and capture, images and their one-time URLs, the participant feed. */
export function createBackendApp(deps: BackendDeps): Express {
  const { config, notifications, uploads, ...rest } = deps;
  // Each route takes what it names from this one set.
  const shared = {
    ...rest,
    auth: new Authenticator(deps.userTokens, deps.participants),
    limits: { ...deps.limits, clock: deps.clock },
    record: actionRecorder(deps),
    selfRegistration: config.selfRegistration,
    streamRecheckMs: config.streamRecheckMs,
    streamHeartbeatMs: config.streamHeartbeatMs,
  };
  const liveNotifications = notifications && { ...shared, ...notifications };
  const liveUploads = uploads && { ...shared, ...uploads };
  // A like's commit wakes the recipient's open streams, then publishes its outbox entry before the like answers.
  const committed = async ({ recipientVisitorId }: { recipientVisitorId: string | null }) => {
    if (recipientVisitorId) deps.hub.notify(recipientVisitorId, 'notification');
    await notifications?.wakeRelay();
  };
  const app = createBaseApp({
    jsonLimit: JSON_BODY_LIMIT,
    jsonLimits: { '/participants/import': IMPORT_BODY_LIMIT },
    logger: deps.logger,
    projectId: config.projectId,
    cors: { origins: deps.appOrigins ?? [] },
    readiness: deps.readiness,
    isDraining: deps.isDraining,
    routes: [
      // The OpenAPI document, generated from the same contracts the routes are mounted with.
      openApiDocumentRoutes(buildOpenApiDocument),
      participantRoutes(shared),
      participantTokenRoutes(shared),
      imageRoutes(shared),
      meRoutes({ ...shared, likes: notifications?.likes, liveNotifications, liveUploads }),
      ...(liveNotifications
        ? [
            likeRoutes({ ...liveNotifications, committed }),
            notificationRoutes(liveNotifications),
            notificationSettingsRoutes(liveNotifications),
          ]
        : []),
      ...(liveUploads ? [uploadRoutes(liveUploads)] : []),
      operatorRoutes(shared),
      adminRoutes(shared),
      pipelineRoutes(shared),
      auditRoutes(shared),
      automationRoutes(shared),
      dashboardRoutes({ ...shared, read: eventDashboard(deps) }),
      ...(deps.push
        ? [pubsubPushRoutes({ ...deps.push, handlers: backendHandlers(deps), publisher: deps.publisher })]
        : []),
    ],
  });
  // What every phone does most (poll and be told 304, ask for an image's one-time URL) skips the Express stack.
  const plain = { logger: deps.logger, projectId: config.projectId, appOrigins: deps.appOrigins ?? [] };
  return answeredFirst(
    app,
    firstOf(updatesNotModifiedListener(deps, plain), imageUrlListener(shared, plain)),
  );
}
