import type { ResponseConfig, RouteConfig, ZodContentObject } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { imageIdSchema, visitorIdSchema } from '@photo/shared/domain/ids';
import { PERMISSIONS, type Permission } from '@photo/shared/domain/permissions';
import {
  DOCUMENTED_ERRORS as E,
  UNCATALOGUED_ERRORS,
  errorResponses,
  PUSH_SECURITY_SCHEME,
  type DocumentedError,
} from '@photo/shared/http/openapi';
import { IMAGE_CONTENT_TYPES, idempotencyKey } from '../routes/schemas';

/** What the backend's operations share: who may call them, the errors that come with it, common pieces. */

/** How callers prove who they are; the operation's `security` names the permission (3.1 allows role names). */
export const SECURITY_SCHEMES = {
  operatorToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An Auth0 access token (RS256) of an operator or staff member; its `permissions` claim lists what they may do.',
  },
  participantToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The opaque `pt_…` token a participant received once, when they were created.',
  },
  ...PUSH_SECURITY_SCHEME,
} as const;

export type Access =
  | { permission: Permission }
  | { participantOrAnyOf: Permission[]; forbidden: string }
  | 'participant'
  | 'participant-or-image-reader'
  | 'public';

const asUser = [
  E.unauthenticated,
  UNCATALOGUED_ERRORS.accessTokenExpired,
  E.participantTokenRotated,
  E.participantTokenRevoked,
  E.unavailable,
];

function securityOf(
  access: Access,
): Pick<RouteConfig, 'security'> & { errors: DocumentedError[]; note: string } {
  if (access === 'public') return { security: [], errors: [], note: 'No authentication.' };
  if (access === 'participant') {
    return {
      security: [{ participantToken: [] }],
      errors: [
        ...asUser,
        { ...E.forbidden, description: 'An operator or staff token: this is for participants.' },
      ],
      note: 'For participants (participant token).',
    };
  }
  if (typeof access === 'object' && 'participantOrAnyOf' in access) {
    const listed = access.participantOrAnyOf.map((p) => `\`${p}\``).join(', ');
    return {
      security: [{ participantToken: [] }, ...access.participantOrAnyOf.map((p) => ({ operatorToken: [p] }))],
      errors: [...asUser, { ...E.forbidden, description: access.forbidden }],
      note: `For a participant, or a user with one of: ${listed}.`,
    };
  }
  if (access === 'participant-or-image-reader') {
    return {
      security: [{ participantToken: [] }, { operatorToken: [PERMISSIONS.imagesRead] }],
      errors: [
        ...asUser,
        { ...E.forbidden, description: `A user token without the \`${PERMISSIONS.imagesRead}\` permission.` },
      ],
      note: `For a participant (their own images only) or a user with the \`${PERMISSIONS.imagesRead}\` permission.`,
    };
  }
  return {
    security: [{ operatorToken: [access.permission] }],
    errors: [
      ...asUser,
      {
        ...E.forbidden,
        description: `The token lacks the \`${access.permission}\` permission, or is a participant token.`,
      },
    ],
    note: `Requires the \`${access.permission}\` permission.`,
  };
}

type Operation = Omit<RouteConfig, 'security' | 'responses'> & {
  access: Access;
  responses: RouteConfig['responses'];
  errors: DocumentedError[];
  /** The route counts calls `per` caller against the limit of each `setting` (docs/configuration.md). */
  limited?: Limited | Limited[];
};

const limitHeaders = {
  'RateLimit-Limit': { description: 'Calls allowed in the window.', schema: { type: 'string' } },
  'RateLimit-Remaining': { description: 'Calls left in the window.', schema: { type: 'string' } },
  'RateLimit-Reset': { description: 'Seconds until the window resets.', schema: { type: 'string' } },
} as const;

interface Limited {
  per: string;
  setting: string;
}

/** The upload routes' limits (`limitedUpload` in routes/limited.ts): per address, then per identity. */
export const uploadLimits: Limited[] = [
  { per: 'from one address', setting: 'RATE_UPLOADS_PER_ADDRESS_PER_MINUTE' },
  { per: 'by one caller', setting: 'RATE_UPLOADS_PER_MINUTE' },
];

/** RATE.LIMITED as a limited route documents it: which limits it counts against. */
function rateLimitedError(limited: Limited | Limited[]): DocumentedError {
  const rules = [limited].flat().map((l) => `${l.setting} calls a minute ${l.per}`);
  return { ...E.rateLimited, description: `More than ${rules.join(', or ')}: wait \`Retry-After\` seconds.` };
}

/** The 429 of a limited route (beside any other 429 of the route, such as a quota), with `Retry-After`. */
function withLimitHeaders(responses: Record<string, ResponseConfig>): Record<string, ResponseConfig> {
  const retryAfter = { description: 'Seconds until the window resets.', schema: { type: 'string' } } as const;
  const limited = responses['429']!;
  return { ...responses, 429: { ...limited, headers: { 'Retry-After': retryAfter, ...limitHeaders } } };
}

/** Adds what every operation shares: its security, the errors of authentication, INTERNAL, and their responses. */
export function operation({
  access,
  errors,
  responses,
  description,
  limited,
  ...route
}: Operation): RouteConfig {
  const auth = securityOf(access);
  const documented = errorResponses([
    E.internal,
    ...auth.errors,
    ...errors,
    ...(limited ? [rateLimitedError(limited)] : []),
  ]);
  return {
    ...route,
    description: description ? `${description}\n\n${auth.note}` : auth.note,
    security: auth.security,
    responses: { ...responses, ...(limited ? withLimitHeaders(documented) : documented) },
  };
}

export const json = (schema: z.ZodType): ZodContentObject => ({ 'application/json': { schema } });
export const ok = (description: string, schema: z.ZodType) => ({ description, content: json(schema) });

/** A JSON body read by `jsonBody`: these errors come with it (the 1 MB limit is the app's JSON parser's). */
export const jsonBodyErrors = [E.malformedJson, E.invalidRequest, E.payloadTooLarge, E.unsupportedMediaType];

/** What the image server answers an upload with, passed through by the backend. */
export const uploadErrors = [
  E.invalidRequest,
  { ...E.emptyBody, description: 'An image with no bytes.' },
  { ...E.payloadTooLarge, description: "An image larger than the image server's MAX_UPLOAD_BYTES." },
  { ...E.unsupportedMediaType, description: 'The Content-Type is not an image type this route accepts.' },
  E.imageTypeNotAllowed,
  E.imageInvalid,
  E.imageTooManyPixels,
  E.idempotencyKeyReused,
  { ...E.dependencyFailed, description: 'The image server failed or did not answer.' },
];

export const imageBodies = Object.fromEntries(
  IMAGE_CONTENT_TYPES.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
) as ZodContentObject;

export const idempotencyHeader = z.object({ 'Idempotency-Key': idempotencyKey });
export const visitorParams = z.object({ visitorId: visitorIdSchema });
export const imageParams = z.object({ imageId: imageIdSchema });
