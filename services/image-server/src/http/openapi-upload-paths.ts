import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { uploadErrors } from '@photo/shared/errors/upload-errors';
import {
  DOCUMENTED_ERRORS as E,
  documented,
  errorResponses,
  type DocumentedError,
} from '@photo/shared/http/openapi';
import { targetRequest } from '../routes/uploads.routes';

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

/** Direct uploads on the image server: signing targets for the backend, and (embedded) receiving them. */
export function uploadPaths(asService: DocumentedError[]): RouteConfig[] {
  return [
    {
      method: 'post',
      path: '/internal/uploads/targets',
      operationId: 'signUploadTarget',
      tags: ['Internal'],
      summary: 'Sign an upload target',
      description:
        'Only keys under uploads/. Cloud: a V4 signed PUT binding the content type, x-goog-content-length-range and x-goog-if-generation-match: 0. Embedded: `PUT /u/{policy}` on this server.',
      security: [{ serviceToken: [] }],
      request: { body: { required: true, content: json(targetRequest) } },
      responses: {
        201: {
          description: 'Signed.',
          content: json(
            z.object({
              url: z.url(),
              method: z.literal('PUT'),
              headers: z.record(z.string(), z.string()),
              expiresAt: z.iso.datetime(),
            }),
          ),
        },
        ...errorResponses([
          E.internal,
          ...asService,
          E.malformedJson,
          E.invalidRequest,
          E.unsupportedMediaType,
          documented(uploadErrors.keyRefused('{key}')),
        ]),
      },
    },
    {
      method: 'put',
      path: '/u/{policy}',
      operationId: 'receiveUpload',
      tags: ['Uploads'],
      summary: 'Upload to a signed target (embedded default)',
      description:
        "What Cloud Storage does for a V4 signed PUT: the exact signed Content-Type, a size within the signed range (streamed into storage with a byte cap), never over an existing object. Then the OBJECT_FINALIZE notification is published, in Cloud Storage's shape, on uploads-finalized.",
      security: [],
      request: { params: z.object({ policy: z.string() }) },
      responses: {
        200: {
          description: 'Stored.',
          content: json(z.object({ key: z.string(), bytes: z.number(), generation: z.string() })),
        },
        ...errorResponses([
          E.internal,
          documented(uploadErrors.targetInvalid()),
          documented(uploadErrors.targetExpired()),
          documented(uploadErrors.conditionFailed('Content-Type', '{signed}', '{sent}')),
          documented(
            uploadErrors.sizeOutOfRange(0, 0),
            'The body is smaller or larger than the signed range.',
          ),
          documented(uploadErrors.alreadyUploaded()),
        ]),
      },
    },
  ];
}
