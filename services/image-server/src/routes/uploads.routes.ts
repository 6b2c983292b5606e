import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { UPLOAD_PREFIX } from '@photo/shared/domain/upload';
import { uploadErrors } from '@photo/shared/errors/upload-errors';
import { requestContext } from '@photo/shared/http/request-context';
import { jsonBody } from '@photo/shared/http/validate';
import type { UploadTargetSigner } from '@photo/shared/ports/upload-target-signer.port';
import { receiveUpload, type ReceiveUploadDeps } from '../use-cases/receive-upload';

export const targetRequest = z
  .object({
    key: z.string().min(1).max(512),
    contentType: z.string().min(1).max(200),
    minBytes: z.number().int().min(0),
    maxBytes: z.number().int().positive(),
    expiresAt: z.iso.datetime(),
  })
  .strict();

/**
 * Direct uploads. `POST /internal/uploads/targets` signs a target for the backend (service callers only; only keys
 * under uploads/). `PUT /u/{policy}`, the embedded target, stores the upload as its signed policy allows.
 */
export function uploadRoutes(deps: {
  signer: UploadTargetSigner;
  receiver: ReceiveUploadDeps | null;
  callers: ServiceCallerVerifier;
}): Router {
  const router = Router();
  const serviceOnly: RequestHandler = async (req, res, next) => {
    requestContext(res).caller = await deps.callers.verify(req);
    next();
  };

  router.post('/internal/uploads/targets', serviceOnly, async (req, res) => {
    const body = jsonBody(req, targetRequest);
    if (!body.key.startsWith(UPLOAD_PREFIX) || body.key.includes('..'))
      throw uploadErrors.keyRefused(body.key);
    const target = await deps.signer.sign({ ...body, expiresAt: new Date(body.expiresAt) });
    res.status(201).json({ ...target, expiresAt: target.expiresAt.toISOString() });
  });

  const receiver = deps.receiver;
  if (receiver) {
    router.put('/u/:policy', async (req, res) => {
      const length = req.get('content-length');
      const stored = await receiveUpload(receiver, req.params.policy!, {
        contentType: req.get('content-type'),
        contentLength: length === undefined ? null : Number(length),
        body: req,
      });
      res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }).status(200).json(stored);
    });
  }
  return router;
}
