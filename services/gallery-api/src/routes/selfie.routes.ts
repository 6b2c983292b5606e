import type { ZodContentObject } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { errors } from '@photo/shared/errors/errors';
import { jsonBody, parse } from '@photo/shared/http/validate';
import { SELFIE_TYPES } from '../config';
import { defineRoute, dependency, type GalleryRoute } from '../http/route';
import { analyseSelfie, type AnalyseSelfieDeps } from '../use-cases/analyse-selfie';
import { createUser, type CreateUserDeps } from '../use-cases/create-user';
import { openSession, type GallerySessionDeps } from '../use-cases/gallery-session';
import { createdUserView, emotionView } from './response-schemas';
import { createUserRequest } from './schemas';
import { withSelfie } from './selfie';
import { toCreatedUserView, toEmotionView } from './views';

const selfieBodies = Object.fromEntries(
  SELFIE_TYPES.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
) as ZodContentObject;

const emptySelfie = [errors.emptyBody, 'A selfie with no bytes.'] as const;

const analyseSelfieRoute = defineRoute({
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
  access: 'public',
  noStore: true,
  limited: 'emotion',
  request: { content: selfieBodies },
  responses: {
    200: {
      description: 'The face, its expression, and the user if recognised.',
      body: emotionView,
    },
  },
  errors: [
    [errors.unsupportedMediaType, `The Content-Type is not a selfie type (${SELFIE_TYPES.join(', ')}).`],
    [
      errors.payloadTooLarge,
      'The selfie is larger than GALLERY_MAX_SELFIE_BYTES (5 MB); `details.limitBytes` is the limit.',
    ],
    emptySelfie,
    errors.imageInvalid,
    [
      errors.imageTypeNotAllowed,
      'The format detected from the bytes is not a selfie type; `details.allowed` lists them.',
    ],
    [
      errors.imageTooManyPixels,
      'More pixels than GALLERY_MAX_SELFIE_PIXELS; `details` has `pixels` and `limit`.',
    ],
    errors.faceNone,
    errors.faceSeveral,
    [
      errors.faceTooSmall,
      'The face is smaller than GALLERY_MIN_FACE_PX; `details` has `facePx` and `minPx`: come closer.',
    ],
    dependency('Rekognition (GALLERY_FACES=rekognition)'),
  ],
});

const createUserRoute = defineRoute({
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
  access: 'optional-token',
  noStore: true,
  limited: 'create-user',
  request: {
    query: createUserRequest.partial().meta({
      description: 'Only with a selfie as the body; then `analysisId` and `consent` are required.',
    }),
    content: { 'application/json': { schema: createUserRequest }, ...selfieBodies },
  },
  responses: {
    201: { description: 'A new user.', body: createdUserView },
    200: {
      description: 'The user this analysis already made, or the recognised one.',
      body: createdUserView,
    },
  },
  errors: [
    errors.malformedJson,
    [
      errors.payloadTooLarge,
      'A JSON body over 1 MB, or a selfie larger than GALLERY_MAX_SELFIE_BYTES; `details.limitBytes` is the limit.',
    ],
    [
      errors.unsupportedMediaType,
      `The Content-Type is neither application/json nor a selfie type (${SELFIE_TYPES.join(', ')}).`,
    ],
    emptySelfie,
    [errors.analysisNotFound, 'The analysis is unknown or has expired: send the selfie again.'],
    errors.selfieRequired,
    [errors.imageInvalid, 'Rekognition could not read the selfie sent again.'],
    dependency('Rekognition or Personalize'),
  ],
});

export const selfieContracts = [analyseSelfieRoute, createUserRoute];

/** What the selfie routes use: their use cases' ports, and the one config they all read. */
export type SelfieRouteDeps = AnalyseSelfieDeps &
  CreateUserDeps &
  GallerySessionDeps & { config: { tmpDir: string; maxSelfieBytes: number } };

/** /emotion (for a recognised face) and /createUser hand out a gallery token. */
export function mountSelfieRoutes(router: Router, route: GalleryRoute, deps: SelfieRouteDeps): void {
  route(router, analyseSelfieRoute, async ({ req }) => {
    const analysis = await withSelfie(req, deps.config, (path) => analyseSelfie(deps, path));
    const session = analysis.userId
      ? await openSession(deps, { userId: analysis.userId, visitorId: null })
      : null;
    return { status: 200, body: toEmotionView(analysis, session) };
  });

  // JSON with the analysis id; or, for a face index that needs the image, the selfie again with the fields as query.
  route(router, createUserRoute, async ({ req, caller }) => {
    const viaSelfie = req.is(SELFIE_TYPES);
    const input = viaSelfie ? parse(createUserRequest, req.query) : jsonBody(req, createUserRequest);
    const run = (selfiePath: string | null) =>
      createUser(deps, {
        analysisId: input.analysisId,
        consent: input.consent,
        expression: input.expression ?? null,
        selfiePath,
        callerUserId: caller?.userId ?? null,
      });
    const result = viaSelfie ? await withSelfie(req, deps.config, run) : await run(null);
    const session = await openSession(deps, {
      userId: result.user.userId,
      visitorId: caller?.visitorId ?? null,
    });
    const body = toCreatedUserView(result, session);
    return { status: result.created ? 201 : 200, body };
  });
}
