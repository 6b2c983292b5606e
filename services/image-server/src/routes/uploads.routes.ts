import { Router } from 'express';
import { z } from 'zod';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { UPLOAD_PREFIX } from '@photo/shared/domain/upload';
import { uploadErrors } from '@photo/shared/errors/upload-errors';
import type { UploadTargetSigner } from '@photo/shared/ports/upload-target-signer.port';
import { defineRoute, imageServerRouteMounter } from '../http/route';
import { receiveUpload, type ReceiveUploadDeps } from '../use-cases/receive-upload';

const signUploadTargetRoute = defineRoute({
  method: 'post',
  path: '/internal/uploads/targets',
  operationId: 'signUploadTarget',
  tags: ['Internal'],
  summary: 'Sign an upload target',
  description:
    'Only keys under uploads/. Cloud: a V4 signed PUT binding the content type, x-goog-content-length-range and x-goog-if-generation-match: 0. Embedded: `PUT /u/{policy}` on this server.',
  access: 'service',
  request: {
    body: z
      .object({
        key: z.string().min(1).max(512),
        contentType: z.string().min(1).max(200),
        minBytes: z.number().int().min(0),
        maxBytes: z.number().int().positive(),
        expiresAt: z.iso.datetime(),
      })
      .strict(),
  },
  responses: {
    201: {
      description: 'Signed.',
      body: z.object({
        url: z.url(),
        method: z.literal('PUT'),
        headers: z.record(z.string(), z.string()),
        expiresAt: z.iso.datetime(),
      }),
    },
  },
  errors: [uploadErrors.keyRefused],
});

const receiveUploadRoute = defineRoute({
  method: 'put',
  path: '/u/{policy}',
  operationId: 'receiveUpload',
  tags: ['Uploads'],
  summary: 'Upload to a signed target (embedded default)',
  description:
    "What Cloud Storage does for a V4 signed PUT: the exact signed Content-Type, a size within the signed range (streamed into storage with a byte cap), never over an existing object. Then the OBJECT_FINALIZE notification is published, in Cloud Storage's shape, on uploads-finalized.",
  access: 'public',
  opaqueParams: true,
  request: { params: z.object({ policy: z.string() }) },
  responses: {
    200: {
      description: 'Stored.',
      body: z.object({ key: z.string(), bytes: z.number(), generation: z.string() }),
    },
  },
  errors: [
    uploadErrors.targetInvalid,
    uploadErrors.targetExpired,
    uploadErrors.conditionFailed,
    [uploadErrors.sizeOutOfRange, 'The body is smaller or larger than the signed range.'],
    uploadErrors.alreadyUploaded,
  ],
});

export const uploadContracts = [signUploadTargetRoute, receiveUploadRoute];

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
  const route = imageServerRouteMounter({ service: deps.callers });

  route(router, signUploadTargetRoute, async ({ body }) => {
    if (!body.key.startsWith(UPLOAD_PREFIX) || body.key.includes('..'))
      throw uploadErrors.keyRefused(body.key);
    const target = await deps.signer.sign({ ...body, expiresAt: new Date(body.expiresAt) });
    return { status: 201, body: { ...target, expiresAt: target.expiresAt.toISOString() } };
  });

  const receiver = deps.receiver;
  if (receiver) {
    route(router, receiveUploadRoute, async ({ params, req }) => {
      const length = req.get('content-length');
      const stored = await receiveUpload(receiver, params.policy, {
        contentType: req.get('content-type'),
        contentLength: length === undefined ? null : Number(length),
        body: req,
      });
      const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
      return { status: 200, body: stored, headers };
    });
  }
  return router;
}
