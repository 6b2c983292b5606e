import { Router, type Request, type Response } from 'express';
import { isTerminal } from '@photo/shared/domain/upload';
import { toUploadView } from '@photo/shared/http/upload-views';
import { jsonBody, parse } from '@photo/shared/http/validate';
import type { Authenticator } from '../auth/authenticator';
import { lastEventId, openSse } from '../live/sse';
import type { UpdateHub } from '../live/update-hub';
import type { RecordAction } from '../routes/audit';
import { limitedUpload, type Limits } from '../routes/limited';
import { readUpload, uploadEtag } from './read-upload';
import { requestUpload, type RequestUploadDeps } from './request-upload';
import { uploadParams, uploadRequest } from './upload-schemas';

export interface UploadRouteDeps extends RequestUploadDeps {
  auth: Authenticator;
  hub: UpdateHub;
  limits: Limits;
  record: RecordAction;
  streamRecheckMs: number;
  streamHeartbeatMs: number;
}

/** Direct uploads: ask for a signed target, then follow the upload by polling (ETag) or on a stream. */
export function uploadRoutes(deps: UploadRouteDeps): Router {
  const router = Router();
  const { auth } = deps;
  const anyCaller = (req: Request, res: Response) => auth.caller(req, res);

  router.post('/uploads', ...limitedUpload(deps.limits, anyCaller), async (req, res) => {
    const caller = await anyCaller(req, res);
    const body = jsonBody(req, uploadRequest);
    const { intent, target, callbackSecret } = await requestUpload(deps, caller, body);
    await deps.record(res, 'upload.requested', intent.intentId, {
      purpose: intent.purpose,
      imageId: intent.imageId,
    });
    res
      .status(201)
      .set({ 'Cache-Control': 'no-store', ETag: uploadEtag(intent), Location: `/uploads/${intent.intentId}` })
      .json({
        upload: toUploadView(intent),
        target: { ...target, expiresAt: target.expiresAt.toISOString() },
        callbackSecret,
      });
  });

  router.get('/uploads/:intentId', async (req, res) => {
    const caller = await auth.caller(req, res);
    const { intentId } = parse(uploadParams, req.params);
    const intent = await readUpload(deps, caller, intentId);
    const etag = uploadEtag(intent);
    res.set({ ETag: etag, 'Cache-Control': 'private, no-cache' });
    if (req.get('if-none-match') === etag) {
      res.status(304).end();
      return;
    }
    res.json(toUploadView(intent));
  });

  /**
   * Every change of one upload as `event: upload`, its revision as the event id (a reconnect with Last-Event-ID gets
   * only later revisions); the stream ends after the upload's final status.
   */
  router.get('/uploads/:intentId/events', async (req, res) => {
    const caller = await auth.caller(req, res);
    const { intentId } = parse(uploadParams, req.params);
    await readUpload(deps, caller, intentId);
    let sentRevision = Number(lastEventId(req)) || 0;
    await openSse(req, res, {
      hub: deps.hub,
      key: intentId,
      rounds: {
        upload: async (write, end) => {
          const intent = await deps.uploads.get(intentId);
          if (!intent) return;
          if (intent.revision > sentRevision) {
            sentRevision = intent.revision;
            write({ event: 'upload', id: String(intent.revision), data: toUploadView(intent) });
          }
          if (isTerminal(intent.status) && intent.callback.state !== 'pending') end();
        },
      },
      recheckMs: deps.streamRecheckMs,
      heartbeatMs: deps.streamHeartbeatMs,
    });
  });

  return router;
}
