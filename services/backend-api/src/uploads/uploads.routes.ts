import { Router, type Request, type Response } from 'express';
import { isTerminal } from '@photo/shared/domain/upload';
import { toUploadView } from '@photo/shared/http/upload-views';
import { jsonBody, parse } from '@photo/shared/http/validate';
import type { Authenticator } from '../auth/authenticator';
import { limitedUpload, type Limits } from '../routes/limited';
import { readUpload, uploadEtag } from './read-upload';
import { requestUpload, type RequestUploadDeps } from './request-upload';
import { uploadParams, uploadRequest } from './upload-schemas';
import type { UploadWatch } from './upload-watch';

export interface UploadRouteDeps extends RequestUploadDeps {
  auth: Authenticator;
  watch: UploadWatch;
  limits: Limits;
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

  /** Every change of one upload as `event: upload`; the stream ends after the upload's final status. */
  router.get('/uploads/:intentId/events', async (req, res) => {
    const caller = await auth.caller(req, res);
    const { intentId } = parse(uploadParams, req.params);
    await readUpload(deps, caller, intentId);
    // A client that hung up during the reads above has had its 'close' already: nothing would end this stream.
    if (req.socket.destroyed) return;
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    let sentRevision = 0;
    let busy = false;
    let again = false;
    const stop = () => {
      unsubscribe();
      clearInterval(recheck);
      clearInterval(heartbeat);
    };
    const send = async (): Promise<void> => {
      if (busy) return void (again = true);
      busy = true;
      try {
        do {
          again = false;
          const intent = await deps.uploads.get(intentId);
          if (!intent || intent.revision <= sentRevision) continue;
          sentRevision = intent.revision;
          res.write(
            `id: ${intent.revision}\nevent: upload\ndata: ${JSON.stringify(toUploadView(intent))}\n\n`,
          );
          if (isTerminal(intent.status) && intent.callback.state !== 'pending') {
            stop();
            res.end();
          }
        } while (again);
      } catch (err) {
        res.destroy(err instanceof Error ? err : undefined);
      } finally {
        busy = false;
      }
    };
    const unsubscribe = deps.watch.subscribe(intentId, () => void send());
    const recheck = setInterval(() => void send(), deps.streamRecheckMs);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), deps.streamHeartbeatMs);
    req.on('close', stop);
    await send();
  });

  return router;
}
