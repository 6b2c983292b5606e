import type { Express } from 'express';
import type { JwtVerifier } from '@photo/shared/auth/jwt-verifier';
import { createBaseApp } from '@photo/shared/http/base-app';
import type { ReadinessCheck } from '@photo/shared/http/health';
import type { Logger } from '@photo/shared/http/logger';
import type { Clock } from '@photo/shared/ports/common';
import type { DeadLetterRepository } from '@photo/shared/ports/dead-letter-repository.port';
import type { EventPublisher, MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { PaletteRepository } from '@photo/shared/ports/palette-repository.port';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';
import type { RateLimiter } from '@photo/shared/ports/rate-limiter.port';
import type { AuditLog } from '@photo/shared/ports/audit-log.port';
import type { AutomationRepository } from '@photo/shared/ports/automation-repository.port';
import type { UpdateFeed } from '@photo/shared/ports/update-feed.port';
import type { QrCodec } from '@photo/shared/security/qr-codec';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
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
import { notificationFeature, type BackendNotificationDeps } from './notifications-wiring';
import { uploadFeature, uploadHandlers, type BackendUploadDeps } from './uploads-wiring';
import { openApiRoutes } from './routes/openapi.routes';
import { participantRoutes } from './routes/participants.routes';
import { participantTokenRoutes } from './routes/participant-tokens.routes';
import { actionRecorder } from './routes/audit';
import { auditRoutes } from './routes/audit.routes';
import { automationRoutes } from './routes/automation.routes';
import { pipelineRoutes } from './routes/pipeline.routes';
import { dashboardRoutes } from './routes/dashboard.routes';
import { eventDashboard } from './use-cases/event-dashboard';
import { IMPORT_BODY_LIMIT, JSON_BODY_LIMIT } from './routes/schemas';

export interface BackendDeps {
  config: Pick<BackendConfig, 'projectId' | 'selfRegistration' | 'streamRecheckMs' | 'streamHeartbeatMs'>;
  logger: Logger;
  clock: Clock;
  participants: ParticipantRepository;
  images: ImageRepository;
  palettes: PaletteRepository;
  updates: UpdateFeed;
  deadLetters: DeadLetterRepository;
  publisher: EventPublisher;
  imageServer: ImageServerClient;
  userTokens: JwtVerifier;
  qr: QrCodec;
  hub: UpdateHub;
  /** Auth0's users and roles for the console; null when the Management API is not configured. */
  operators: OperatorDirectory | null;
  readiness: Record<string, ReadinessCheck>;
  isDraining: () => boolean;
  /** Per-caller limits of the routes that create or cost; the counters are shared by every instance. */
  limits: { limiter: RateLimiter; rules: BackendRateLimits };
  /** Who did what: operators' and staff's state-changing actions, and token rotations. */
  audit: AuditLog;
  /** The event's automation of the colour chain (the workers apply it). */
  automation: AutomationRepository;
  /** Cloud Run: Pub/Sub pushes this service's subscriptions here (absent when the embedded bus delivers in-process). */
  push?: { pushAuth: ServiceCallerVerifier | null };
  /** Likes, the inbox and notification settings (absent: those routes are not mounted). */
  notifications?: BackendNotificationDeps;
  /** Direct uploads: signed targets, the pipeline's progress (absent: those routes are not mounted). */
  uploads?: BackendUploadDeps;
  /** The browser apps' origins CORS allows (absent: none). */
  appOrigins?: readonly string[];
}

/** This service's subscriptions and their handlers: the embedded bus and the push endpoint both use this list. */
export function backendHandlers(
  deps: Pick<BackendDeps, 'updates' | 'hub' | 'deadLetters' | 'clock' | 'uploads'>,
): Record<string, MessageHandler> {
  return {
    'backend-api.image-updated': imageUpdatedHandler({ updates: deps.updates, hub: deps.hub }),
    'backend-api.dead-letters': deadLetterHandler({ deadLetters: deps.deadLetters, clock: deps.clock }),
    ...(deps.uploads ? uploadHandlers(deps.hub) : {}),
  };
}

/** The backend API: participants, check-in and capture, images and their one-time URLs, the participant feed. */
export function createBackendApp(deps: BackendDeps): Express {
  const auth = new Authenticator(deps.userTokens, deps.participants);
  const limits = { ...deps.limits, clock: deps.clock };
  const record = actionRecorder({ audit: deps.audit, clock: deps.clock });
  const participantDeps = {
    participants: deps.participants,
    images: deps.images,
    qr: deps.qr,
    clock: deps.clock,
  };
  const notifications = deps.notifications
    ? notificationFeature(deps.notifications, {
        ...participantDeps,
        auth,
        hub: deps.hub,
        imageServer: deps.imageServer,
        limits,
      })
    : null;
  const uploads = deps.uploads
    ? uploadFeature(deps.uploads, {
        ...participantDeps,
        auth,
        hub: deps.hub,
        streamRecheckMs: deps.config.streamRecheckMs,
        streamHeartbeatMs: deps.config.streamHeartbeatMs,
        limits,
        record,
      })
    : null;
  const app = createBaseApp({
    jsonLimit: JSON_BODY_LIMIT,
    jsonLimits: { '/participants/import': IMPORT_BODY_LIMIT },
    logger: deps.logger,
    projectId: deps.config.projectId,
    cors: { origins: deps.appOrigins ?? [] },
    readiness: deps.readiness,
    isDraining: deps.isDraining,
    routes: [
      openApiRoutes(),
      participantRoutes({
        ...participantDeps,
        auth,
        imageServer: deps.imageServer,
        selfRegistration: deps.config.selfRegistration,
        limits,
        record,
      }),
      participantTokenRoutes({ auth, participants: deps.participants, clock: deps.clock, record }),
      imageRoutes({
        auth,
        images: deps.images,
        imageServer: deps.imageServer,
        participants: deps.participants,
        palettes: deps.palettes,
        publisher: deps.publisher,
        limits,
        record,
      }),
      meRoutes({
        ...participantDeps,
        auth,
        updates: deps.updates,
        hub: deps.hub,
        streamRecheckMs: deps.config.streamRecheckMs,
        streamHeartbeatMs: deps.config.streamHeartbeatMs,
        ...(deps.notifications ? { likes: deps.notifications.likes } : {}),
        ...(notifications ? { liveNotifications: notifications.live } : {}),
        ...(uploads ? { liveUploads: uploads.live } : {}),
      }),
      ...(notifications?.routes ?? []),
      ...(uploads?.routes ?? []),
      operatorRoutes({ auth, operators: deps.operators }),
      adminRoutes({
        auth,
        deadLetters: deps.deadLetters,
        publisher: deps.publisher,
        clock: deps.clock,
        record,
      }),
      pipelineRoutes({
        auth,
        images: deps.images,
        hub: deps.hub,
        clock: deps.clock,
        streamRecheckMs: deps.config.streamRecheckMs,
        streamHeartbeatMs: deps.config.streamHeartbeatMs,
      }),
      auditRoutes({ auth, audit: deps.audit }),
      automationRoutes({
        auth,
        automation: deps.automation,
        images: deps.images,
        palettes: deps.palettes,
        clock: deps.clock,
        record,
      }),
      dashboardRoutes({ auth, read: eventDashboard(deps) }),
      ...(deps.push
        ? [
            pubsubPushRoutes({
              handlers: backendHandlers(deps),
              publisher: deps.publisher,
              pushAuth: deps.push.pushAuth,
            }),
          ]
        : []),
    ],
  });
  // What every phone does most (poll and be told 304, ask for an image's one-time URL) skips the Express stack.
  const plain = { logger: deps.logger, projectId: deps.config.projectId, appOrigins: deps.appOrigins ?? [] };
  return answeredFirst(
    app,
    firstOf(
      updatesNotModifiedListener({ participants: deps.participants, updates: deps.updates }, plain),
      imageUrlListener(
        { participants: deps.participants, images: deps.images, imageServer: deps.imageServer, limits },
        plain,
      ),
    ),
  );
}
