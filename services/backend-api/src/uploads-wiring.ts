import type { Router } from 'express';
import type { Clock } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { MessageHandler } from '@photo/shared/ports/event-bus.port';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';
import type { UploadIntentRepository } from '@photo/shared/ports/upload-intent-repository.port';
import type { UploadTargetSigner } from '@photo/shared/ports/upload-target-signer.port';
import type { Authenticator } from './auth/authenticator';
import type { UpdateHub } from './live/update-hub';
import type { UploadRules } from './uploads/upload-config';
import { uploadStatusHandler } from './uploads/upload-status.handler';
import type { UploadStreamDeps } from './uploads/upload-stream';
import { uploadRoutes } from './uploads/uploads.routes';
import type { RecordAction } from './routes/audit';
import type { Limits } from './routes/limited';

/** What the backend needs for direct uploads. */
export interface BackendUploadDeps {
  uploads: UploadIntentRepository;
  /** The image server's signer, over HTTP (it owns the bucket and the signing identity). */
  signer: UploadTargetSigner;
  rules: UploadRules;
}

export const UPLOAD_STATUS_SUBSCRIPTION = 'backend-api.upload-status';

/** The subscription this feature adds to the backend's handlers. */
export function uploadHandlers(hub: UpdateHub): Record<string, MessageHandler> {
  return { [UPLOAD_STATUS_SUBSCRIPTION]: uploadStatusHandler({ hub }) };
}

/** The routes of direct uploads, and what the participant's SSE stream needs to send `upload` events. */
export function uploadFeature(
  u: BackendUploadDeps,
  s: {
    auth: Authenticator;
    hub: UpdateHub;
    clock: Clock;
    participants: ParticipantRepository;
    images: ImageRepository;
    streamRecheckMs: number;
    streamHeartbeatMs: number;
    limits: Limits;
    record: RecordAction;
  },
): { routes: Router[]; live: UploadStreamDeps } {
  return {
    live: { uploads: u.uploads, clock: s.clock },
    routes: [uploadRoutes({ ...u, ...s })],
  };
}
