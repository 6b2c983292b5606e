import { Router } from 'express';
import { z } from 'zod';
import { IMAGE_KINDS } from '@photo/shared/domain/image';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { parse } from '@photo/shared/http/validate';
import type { Clock } from '@photo/shared/ports/common';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { Authenticator } from '../auth/authenticator';
import { PIPELINE_KEY, PIPELINE_RECHECK_MS, pipelineRound } from '../live/pipeline-stream';
import { lastEventId, openSse } from '../live/sse';
import type { UpdateHub } from '../live/update-hub';

export const pipelineQuery = z.object({ kind: z.enum(IMAGE_KINDS).default('event') }).strict();
/** Last-Event-ID of this stream: the change time (ms) of the last image the client got. */
export const pipelineEventId = z.string().regex(/^[0-9]{1,15}$/, 'must be an event id this stream sent');

/** Operators: the colour pipeline live, over SSE (the console's images screen). */
export function pipelineRoutes(deps: {
  auth: Authenticator;
  images: ImageRepository;
  hub: UpdateHub;
  clock: Clock;
  streamRecheckMs: number;
  streamHeartbeatMs: number;
}): Router {
  const router = Router();

  router.get('/pipeline/events', async (req, res) => {
    await deps.auth.user(req, res, PERMISSIONS.imagesRead);
    const { kind } = parse(pipelineQuery, req.query);
    const resumeId = lastEventId(req);
    const resumeFrom = resumeId === null ? null : new Date(Number(parse(pipelineEventId, resumeId)));
    await openSse(req, res, {
      hub: deps.hub,
      key: PIPELINE_KEY,
      rounds: { update: pipelineRound(deps, kind, resumeFrom) },
      recheckMs: Math.min(deps.streamRecheckMs, PIPELINE_RECHECK_MS),
      heartbeatMs: deps.streamHeartbeatMs,
    });
  });

  return router;
}
