import type { ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AppError } from '../errors/app-error';
import { errors } from '../errors/errors';
import { PUSH_PATH, pushEnvelope } from './pubsub-push.routes';

/** The body of every error answer, as `errorHandler` renders it. */
export const errorBodySchema = z
  .object({
    error: z
      .object({
        code: z.string().meta({
          description: 'A stable code such as `IMAGE.VERSION_CONFLICT`: branch on it, not on the message.',
        }),
        message: z.string().meta({ description: 'For people; the wording may change.' }),
        requestId: z
          .string()
          .meta({ description: 'The request id, also sent as the `X-Request-Id` header.' }),
        details: z.record(z.string(), z.unknown()).optional().meta({
          description:
            'Context for programs, e.g. `issues` of `REQUEST.INVALID`, `currentVersion` of `IMAGE.VERSION_CONFLICT`.',
        }),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'Error' });

export interface DocumentedError {
  code: string;
  status: number;
  description: string;
}

/** An error as documentation: code and status come from the error itself, so the document cannot drift from them. */
export const documented = (error: AppError, description: string = error.message): DocumentedError => ({
  code: error.code,
  status: error.status,
  description,
});

/**
 * Every error of the catalog, documented. Where the catalog's message has a placeholder it reads as a template.
 * A test checks that no catalog entry is missing here.
 */
export const DOCUMENTED_ERRORS = {
  malformedJson: documented(errors.malformedJson()),
  invalidRequest: documented(
    errors.invalidRequest([]),
    'The request does not match the expected shape; `details.issues` lists every problem (`path`, `message`).',
  ),
  unsupportedMediaType: documented(
    errors.unsupportedMediaType([]),
    'The body has a Content-Type this route does not accept; the message names the accepted ones.',
  ),
  payloadTooLarge: documented(
    errors.payloadTooLarge(0),
    'The body is too large; `details.limitBytes` is the limit.',
  ),
  emptyBody: documented(errors.emptyBody()),
  notFoundRoute: documented(errors.notFoundRoute('GET', '/'), 'No route has this method and path.'),
  unauthenticated: documented(
    errors.unauthenticated(''),
    'No bearer token, a malformed Authorization header, or a token that does not verify.',
  ),
  forbidden: documented(errors.forbidden(''), 'The caller is known but may not do this.'),
  participantTokenRotated: documented(
    errors.participantTokenRotated(),
    'A participant token that was replaced (by its participant or an operator): sign in with the new one.',
  ),
  participantTokenRevoked: documented(
    errors.participantTokenRevoked(),
    'A participant token an operator withdrew: no token works for this participant until an operator issues one.',
  ),
  rateLimited: documented(
    errors.rateLimited(0),
    'Too many calls of this kind from this caller: wait `Retry-After` seconds (also `details.retryAfterSeconds`).',
  ),
  participantNotFound: documented(errors.participantNotFound('{visitorId}')),
  participantExists: documented(errors.participantExists('{externalRef}')),
  invalidQrCode: documented(
    errors.invalidQrCode(''),
    'The QR payload is not one this event signed (unrecognised format or signature mismatch).',
  ),
  qrExpired: documented(errors.qrExpired()),
  registrationClosed: documented(
    errors.registrationClosed(),
    'Self-registration is switched off for this event (`SELF_REGISTRATION`, off unless the event turns it on).',
  ),
  importInvalid: documented(
    errors.importInvalid([]),
    'Some rows are invalid and nothing was imported; `details.issues` names each (`row` counts from 1; 0 is the file as a whole).',
  ),
  imageNotFound: documented(errors.imageNotFound('{imageId}')),
  imageVariantNotFound: documented(errors.imageVariantNotFound('{imageId}', '{variant}')),
  imageInvalid: documented(
    errors.imageInvalid(''),
    'The bytes are not a whole, decodable image (unrecognised format, truncated or corrupt data).',
  ),
  imageTooManyPixels: documented(
    errors.imageTooManyPixels(0, 0),
    'The image has more pixels than the image server accepts; `details` has `pixels` and `limit`.',
  ),
  imageTypeNotAllowed: documented(
    errors.imageTypeNotAllowed('', []),
    'The image format, detected from the bytes, is not accepted; `details.allowed` lists the accepted types.',
  ),
  paletteNotFound: documented(errors.paletteNotFound('{paletteId}')),
  imageNotReady: documented(errors.imageNotReady('{imageId}', '{reason}')),
  versionConflict: documented(
    errors.versionConflict(0, null),
    'The confirmed version is not the current one, or none was confirmed and a photo exists; `details.currentVersion` names the current version.',
  ),
  idempotencyKeyReused: documented(errors.idempotencyKeyReused()),
  tokenUnknown: documented(errors.tokenUnknown()),
  tokenUsed: documented(errors.tokenUsed()),
  tokenExpired: documented(errors.tokenExpired()),
  tokenPreviewRefused: documented(errors.tokenPreviewRefused()),
  deadLetterNotFound: documented(errors.deadLetterNotFound('{id}')),
  notificationNotFound: documented(errors.notificationNotFound('{notificationId}')),
  dependencyFailed: documented(
    errors.dependencyFailed(''),
    'A service this one calls failed or did not answer.',
  ),
  unavailable: documented(
    errors.unavailable(''),
    "A dependency is unavailable, e.g. the identity provider's signing keys could not be fetched.",
  ),
  internal: documented(errors.internal()),
  invalidCursor: documented(
    errors.invalidCursor(),
    'A page or feed cursor (`after`, `since`) this API did not issue.',
  ),
  aborted: documented(errors.aborted()),
  accessTokenExpired: documented(errors.accessTokenExpired(), 'The access token has expired: get a new one.'),
  blobInvalidKey: documented(
    errors.blobInvalidKey('', ''),
    'A storage key our own code built is malformed (a bug).',
  ),
  blobExists: documented(
    errors.blobExists(''),
    'A storage object already exists under this key; nothing was overwritten.',
  ),
  deliveryRetry: documented(
    errors.deliveryRetry(''),
    'The handler asked for a retry (a dependency failed): Pub/Sub redelivers with the subscription backoff.',
  ),
  faceNone: documented(errors.faceNone()),
  faceSeveral: documented(
    errors.faceSeveral([]),
    'More than one prominent face is in the selfie; `details` has the `count` and the `faces` (each `x`, `y`, `width`, `height` in pixels), so the person can crop to one.',
  ),
  faceTooSmall: documented(
    errors.faceTooSmall(0, 0),
    'The face is smaller than the configured minimum, in pixels.',
  ),
  selfieRequired: documented(errors.selfieRequired()),
  analysisNotFound: documented(
    errors.analysisNotFound('{analysisId}'),
    'The analysis id is unknown or has expired.',
  ),
  galleryUserNotFound: documented(errors.galleryUserNotFound('{userId}')),
  galleryItemNotFound: documented(errors.galleryItemNotFound('{itemId}')),
} satisfies Partial<Record<keyof typeof errors, DocumentedError>>;

/** Aliases kept for the paths that name them. */
export const UNCATALOGUED_ERRORS = {
  accessTokenExpired: DOCUMENTED_ERRORS.accessTokenExpired,
  deliveryRetry: DOCUMENTED_ERRORS.deliveryRetry,
};

/**
 * The error responses of a route, one per status: the shared `Error` body with `code` narrowed to the codes that
 * status can carry, and a description listing them. A code listed twice keeps its last description.
 */
export function errorResponses(list: readonly DocumentedError[]): Record<string, ResponseConfig> {
  const byStatus = new Map<number, Map<string, DocumentedError>>();
  for (const error of list) {
    const codes = byStatus.get(error.status) ?? new Map<string, DocumentedError>();
    codes.set(error.code, error); // the last description of a code wins: a route's own beats the shared one
    byStatus.set(error.status, codes);
  }
  const responses: Record<string, ResponseConfig> = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const listed = [...byStatus.get(status)!.values()];
    const codes = listed.map((e) => e.code) as [string, ...string[]];
    const body = z.intersection(errorBodySchema, z.object({ error: z.object({ code: z.enum(codes) }) }));
    responses[String(status)] = {
      description: listed.map((e) => `- \`${e.code}\`: ${e.description}`).join('\n'),
      content: { 'application/json': { schema: body } },
    };
  }
  return responses;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Parameters (path, query, header) arrive as strings and can never be JSON null, but the generator marks a
 * coerced number as nullable (`z.coerce.number()` accepts null). This drops `null` from parameter types.
 */
export function withoutNullParameters<D extends object>(document: D): D {
  const copy = structuredClone(document) as {
    paths?: Record<string, Record<string, { parameters?: Json[] }>>;
  };
  for (const item of Object.values(copy.paths ?? {})) {
    for (const operation of Object.values(item)) {
      for (const parameter of operation.parameters ?? []) {
        const schema = (parameter as { schema?: { type?: Json } }).schema;
        if (schema && Array.isArray(schema.type)) {
          const types = schema.type.filter((t) => t !== 'null');
          schema.type = types.length === 1 ? types[0]! : types;
        }
      }
    }
  }
  return copy as D;
}

const healthView = z.object({ status: z.literal('ok') });
const readinessView = z.union([
  z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.literal('ok')) }),
  z.object({ status: z.literal('unavailable'), checks: z.record(z.string(), z.string()) }),
  z.object({ status: z.literal('draining') }),
]);

/** The push token scheme, for a service that mounts the Pub/Sub push endpoint. */
export const PUSH_SECURITY_SCHEME = {
  pushToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "A Google-signed OIDC token of the push subscription's service account (Cloud Pub/Sub push).",
  },
} as const;

/** What every service's app has (health, readiness), and the Pub/Sub push endpoint of those that mount it. */
export function platformPaths(options: { push: boolean }): RouteConfig[] {
  const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
  const paths: RouteConfig[] = [
    {
      method: 'get',
      path: '/healthz',
      operationId: 'getHealth',
      tags: ['Operations'],
      summary: 'Liveness: the process answers',
      security: [],
      responses: { 200: { description: 'Alive.', content: json(healthView) } },
    },
    {
      method: 'get',
      path: '/readyz',
      operationId: 'getReadiness',
      tags: ['Operations'],
      summary: 'Readiness: every dependency answers and the service is not draining',
      security: [],
      responses: {
        200: { description: 'Ready.', content: json(readinessView) },
        503: {
          description: 'Not ready: a check failed (each says why), or the service is draining.',
          content: json(readinessView),
        },
      },
    },
  ];
  if (!options.push) return paths;
  const E = DOCUMENTED_ERRORS;
  paths.push({
    method: 'post',
    path: PUSH_PATH,
    operationId: 'pubsubPush',
    tags: ['Internal'],
    summary: "Pub/Sub push delivery to this service's subscriptions",
    description: `Mounted only when the service runs with Cloud Pub/Sub push (the embedded bus delivers in-process);
called by Pub/Sub, not by clients. The envelope is decoded here and handed to the same handlers the embedded bus calls.
A 2xx acknowledges; any other status makes Pub/Sub redeliver with the subscription's backoff and, after the last
attempt, dead-letter the message. A poison message is dead-lettered here, with its reason, and acknowledged.`,
    security: [{ pushToken: [] }],
    request: { body: { required: true, content: json(pushEnvelope) } },
    responses: {
      204: { description: 'Handled, skipped, or rejected as poison and dead-lettered: acknowledged.' },
      ...errorResponses([
        E.internal,
        E.malformedJson,
        { ...E.invalidRequest, description: 'Not a push envelope, or no handler for the subscription.' },
        { ...E.unauthenticated, description: 'No push token, or one that does not verify.' },
        { ...E.forbidden, description: 'The token is not of an allowed push service account.' },
        E.unavailable,
        UNCATALOGUED_ERRORS.deliveryRetry,
      ]),
    },
  });
  return paths;
}
