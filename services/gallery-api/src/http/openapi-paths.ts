import type { ResponseConfig, RouteConfig, ZodContentObject } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { DOCUMENTED_ERRORS as E, errorResponses, type DocumentedError } from '@photo/shared/http/openapi';
import { SELFIE_TYPES } from '../config';
import {
  createdUserView,
  emotionView,
  erasureView,
  galleryView,
  likeView,
  meView,
} from '../routes/response-schemas';
import { createUserRequest, galleryRequest, likeRequest, userParams } from '../routes/schemas';

const json = (schema: z.ZodType): ZodContentObject => ({ 'application/json': { schema } });
const ok = (description: string, schema: z.ZodType) => ({ description, content: json(schema) });
const selfieBodies = Object.fromEntries(
  SELFIE_TYPES.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
) as ZodContentObject;

const noStore = {
  'Cache-Control': {
    description: '`no-store`: the answer is for this request only.',
    schema: { type: 'string' },
  },
} as const;

/** The gallery token (or a participant token), as `Authorization: Bearer`. */
export const GALLERY_SECURITY_SCHEME = {
  galleryToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A gallery token from `POST /createUser` or `POST /emotion`, or the participant token of the participant who made the user.',
  },
} as const;
const galleryToken = [{ galleryToken: [] }];

const callerErrors = [
  {
    ...E.unauthenticated,
    description:
      'No bearer token, or a gallery token that is unknown or has expired (or the user was erased): take a selfie again.',
  },
  { ...E.forbidden, description: "The user id is not the token's own user." },
];

/** 429 with its headers: the route counts calls per caller (GALLERY_RATE_* settings). */
function limited(per: string, setting: string): Record<string, ResponseConfig> {
  const response = errorResponses([
    {
      ...E.rateLimited,
      description: `More than ${setting} calls a minute ${per}: wait \`Retry-After\` seconds.`,
    },
  ])['429']!;
  return {
    429: {
      ...response,
      headers: {
        'Retry-After': { description: 'Seconds until the window resets.', schema: { type: 'string' } },
      },
    },
  };
}

/** A face analyser, face index or recommender on AWS (Rekognition, Personalize), or the image server, failed. */
const dependency = (what: string): DocumentedError => ({
  ...E.dependencyFailed,
  description: `${what} failed or did not answer.`,
});

const jsonBodyErrors = [E.malformedJson, E.invalidRequest, E.payloadTooLarge, E.unsupportedMediaType];
const selfieErrors = [
  {
    ...E.unsupportedMediaType,
    description: `The Content-Type is not a selfie type (${SELFIE_TYPES.join(', ')}).`,
  },
  {
    ...E.payloadTooLarge,
    description:
      'The selfie is larger than GALLERY_MAX_SELFIE_BYTES (5 MB); `details.limitBytes` is the limit.',
  },
  { ...E.emptyBody, description: 'A selfie with no bytes.' },
];

/**
 * Every route of the gallery app, with its request and response schemas: the same declarations the routes parse
 * and type their answers with. The OpenAPI test fails when the app has a route this list lacks.
 */
export const GALLERY_PATHS: RouteConfig[] = [
  {
    method: 'post',
    path: '/emotion',
    operationId: 'analyseSelfie',
    tags: ['Face gallery'],
    summary: "Read a selfie's face: its expression, and the returning user it is",
    description: `The raw selfie as the body. It is spooled to a private temporary file and deleted as soon as it has been
read, whatever the answer. Exactly one prominent face must be in it: faces narrower than half the largest one (people
behind the person) are ignored. The face's descriptor, never the image, is kept under \`analysisId\` for
GALLERY_ANALYSIS_TTL_SECONDS (10 minutes) for \`POST /createUser\`. A recognised face gets a gallery token for its
user.`,
    security: [],
    request: { body: { required: true, content: selfieBodies } },
    responses: {
      200: { ...ok('The face, its expression, and the user if recognised.', emotionView), headers: noStore },
      ...errorResponses([
        E.internal,
        ...selfieErrors,
        E.imageInvalid,
        {
          ...E.imageTypeNotAllowed,
          description: `The format detected from the bytes is not a selfie type; \`details.allowed\` lists them.`,
        },
        {
          ...E.imageTooManyPixels,
          description: 'More pixels than GALLERY_MAX_SELFIE_PIXELS; `details` has `pixels` and `limit`.',
        },
        E.faceNone,
        E.faceSeveral,
        {
          ...E.faceTooSmall,
          description:
            'The face is smaller than GALLERY_MIN_FACE_PX; `details` has `facePx` and `minPx`: come closer.',
        },
        dependency('Rekognition (GALLERY_FACES=rekognition)'),
      ]),
      ...limited('from one address', 'GALLERY_RATE_EMOTION_PER_MINUTE'),
    },
  },
  {
    method: 'post',
    path: '/createUser',
    operationId: 'createGalleryUser',
    tags: ['Face gallery'],
    summary: 'Make (or find) the user an analysis describes',
    description: `Idempotent: the user id derives from the analysis id, so a repeat answers the same user (200,
\`created: false\`), and so does an analysis whose face was recognised. Send the fields as JSON; or, for a face index
that works on images (Rekognition, which answers FACE.SELFIE_REQUIRED to a consenting JSON call), the selfie again as
the body with the same fields in the query. The answer carries a new gallery token. Sent with a participant token,
the participant's token stands for this user from then on. A caller whose token already stands for a user (a
participant's second selfie) gets that user back (200, \`created: false\`) rather than another one: a face that was not
recognised joins it, indexed only with \`consent: true\`.`,
    security: [{}, { galleryToken: [] }],
    request: {
      query: createUserRequest.partial().meta({
        description: 'Only with a selfie as the body; then `analysisId` and `consent` are required.',
      }),
      body: { required: true, content: { ...json(createUserRequest), ...selfieBodies } },
    },
    responses: {
      201: { ...ok('A new user.', createdUserView), headers: noStore },
      200: {
        ...ok('The user this analysis already made, or the recognised one.', createdUserView),
        headers: noStore,
      },
      ...errorResponses([
        E.internal,
        E.malformedJson,
        E.invalidRequest,
        {
          ...E.payloadTooLarge,
          description:
            'A JSON body over 1 MB, or a selfie larger than GALLERY_MAX_SELFIE_BYTES; `details.limitBytes` is the limit.',
        },
        {
          ...E.unsupportedMediaType,
          description: `The Content-Type is neither application/json nor a selfie type (${SELFIE_TYPES.join(', ')}).`,
        },
        { ...E.emptyBody, description: 'A selfie with no bytes.' },
        {
          ...E.analysisNotFound,
          description: 'The analysis is unknown or has expired: send the selfie again.',
        },
        E.selfieRequired,
        {
          ...E.unauthenticated,
          description:
            'An Authorization header was sent, but its token is not a valid participant or gallery token.',
        },
        { ...E.imageInvalid, description: 'Rekognition could not read the selfie sent again.' },
        dependency('Rekognition or Personalize'),
      ]),
      ...limited('from one address', 'GALLERY_RATE_CREATE_USER_PER_MINUTE'),
    },
  },
  {
    method: 'post',
    path: '/gallery',
    operationId: 'recommendGallery',
    tags: ['Face gallery'],
    summary: 'Recommended catalog images, each with a one-time URL',
    description: `Seeded by \`expression\` (which becomes the user's latest), or the last one seen. Never the user's own
images nor ones they liked. An item whose image is gone is left out, so there may be fewer than \`limit\`. Fetch each
URL once, soon.`,
    security: galleryToken,
    request: { body: { required: true, content: json(galleryRequest) } },
    responses: {
      200: { ...ok('The recommendations.', galleryView), headers: noStore },
      ...errorResponses([
        E.internal,
        ...jsonBodyErrors,
        ...callerErrors,
        E.galleryUserNotFound,
        dependency('The image server, or Personalize'),
      ]),
    },
  },
  {
    method: 'post',
    path: '/like',
    operationId: 'likeGalleryItem',
    tags: ['Face gallery'],
    summary: 'Like a catalog item, with the expression the user shows now',
    security: galleryToken,
    request: { body: { required: true, content: json(likeRequest) } },
    responses: {
      201: ok('Liked.', likeView),
      200: ok('Already liked: nothing changed.', likeView),
      ...errorResponses([
        E.internal,
        ...jsonBodyErrors,
        ...callerErrors,
        E.galleryUserNotFound,
        E.galleryItemNotFound,
        dependency('Personalize'),
      ]),
      ...limited('with one token', 'GALLERY_RATE_LIKES_PER_MINUTE'),
    },
  },
  {
    method: 'get',
    path: '/me',
    operationId: 'getGalleryMe',
    tags: ['Face gallery'],
    summary: 'The user a token stands for',
    description: `For a gallery token, its user; for a participant token, the user that participant made (null when
none, or after an erasure). A participant's phone that does not know the user id (another phone made it) asks here
before \`DELETE /users/{userId}\`.`,
    security: galleryToken,
    responses: {
      200: { ...ok('The user, or null.', meView), headers: noStore },
      ...errorResponses([
        E.internal,
        {
          ...E.unauthenticated,
          description:
            'No bearer token, a gallery token that is unknown or has expired, or a token that is neither a gallery nor a participant token.',
        },
      ]),
    },
  },
  {
    method: 'delete',
    path: '/users/{userId}',
    operationId: 'eraseGalleryUser',
    tags: ['Face gallery'],
    summary: 'Erase a user everywhere',
    description: `Their faces, pending analyses, likes, ownership of catalog images, the recommender's record, then the
user, and every gallery token of theirs. Only the token's own user can be erased; erasing them again with the same
token answers 401, as the token went with them.`,
    security: galleryToken,
    request: { params: userParams },
    responses: {
      204: {
        description: 'Erased.',
        headers: {
          Location: {
            description: 'Where to follow the erasure: `/users/{userId}/erasure`.',
            schema: { type: 'string' },
          },
        },
      },
      ...errorResponses([
        E.internal,
        ...callerErrors,
        {
          ...E.invalidRequest,
          description:
            'The id is not a gallery user id (`gu_` and 26 base32 characters); `details.issues` says so.',
        },
        dependency('Rekognition or Personalize'),
      ]),
    },
  },
  {
    method: 'get',
    path: '/users/{userId}/erasure',
    operationId: 'getGalleryErasure',
    tags: ['Face gallery'],
    summary: "How far a user's erasure has got",
    description: `Whether the user is gone from the store, and how far the recommender has forgotten them: with Amazon
Personalize a data deletion job removes them from the datasets within hours, and this reads its state from
Personalize (so every instance answers the same). It names no personal data, so it needs no token (the user's went
with them); the id is the one erased.`,
    security: [],
    request: { params: userParams },
    responses: {
      200: { ...ok('The erasure.', erasureView), headers: noStore },
      ...limited('from one address', 'GALLERY_RATE_CREATE_USER_PER_MINUTE'),
      ...errorResponses([
        E.internal,
        {
          ...E.invalidRequest,
          description:
            'The id is not a gallery user id (`gu_` and 26 base32 characters); `details.issues` says so.',
        },
        dependency('Personalize'),
      ]),
    },
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    tags: ['Operations'],
    summary: 'This document',
    security: [],
    responses: {
      200: {
        description: 'The OpenAPI 3.1 document.',
        content: { 'application/json': { schema: { type: 'object' } } },
      },
      ...errorResponses([E.internal]),
    },
  },
];
