import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { imageIdSchema } from '@photo/shared/domain/ids';
import { imageVariantSchema } from '@photo/shared/domain/image';
import { imageViewSchema, variantViewSchema } from '@photo/shared/http/image-views';
import {
  DOCUMENTED_ERRORS as E,
  UNCATALOGUED_ERRORS,
  errorResponses,
  platformPaths,
  PUSH_SECURITY_SCHEME,
  withoutNullParameters,
  type DocumentedError,
} from '@photo/shared/http/openapi';
import { ACCEPTED_IMAGE_TYPES } from '@photo/shared/ports/image-inspector.port';
import { linkRequest, versionHeaders } from '../routes/internal.routes';
import { reconcileReportView } from '../routes/tasks.routes';
import { importUploadRoute, recordRenditionsRoute } from '../routes/upload-handoff.routes';
import { routeConfig } from '@photo/shared/http/contract';
import { uploadPaths } from './openapi-upload-paths';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const DESCRIPTION = `The image server (画像管理サーバー): it stores image versions, issues single-use URLs and serves them as
a reverse proxy of storage. Phones only ever call \`/i/{token}\`; the \`/internal\` routes are for other services (the
backend API, the gallery, the upload pipeline), authenticated with a service identity token. Errors have the body \`{ "error": { "code", "message", "requestId",
"details"? } }\`.`;

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
const imageParams = z.object({ imageId: imageIdSchema });

/** The routes behind the service-only middleware: these errors come with it. */
const asService: DocumentedError[] = [
  { ...E.unauthenticated, description: 'No service identity token, or one that does not verify.' },
  UNCATALOGUED_ERRORS.accessTokenExpired,
  { ...E.forbidden, description: 'The service account may not call this service.' },
  E.unavailable,
];
const jsonBodyErrors = [E.malformedJson, E.invalidRequest, E.payloadTooLarge, E.unsupportedMediaType];

const internal = (
  route: Omit<RouteConfig, 'security' | 'responses'>,
  ok: RouteConfig['responses'],
  errors: DocumentedError[],
): RouteConfig => ({
  ...route,
  tags: ['Internal'],
  security: [{ serviceToken: [] }],
  responses: { ...ok, ...errorResponses([E.internal, ...asService, ...errors]) },
});

const linkView = z
  .object({
    url: z.url().meta({ description: '`{PUBLIC_BASE_URL}/i/{token}`: one successful GET, then 410.' }),
    imageId: imageIdSchema,
    version: z.number().int().positive(),
    variant: imageVariantSchema,
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'ImageLink' });

const imageHeaders = {
  'Content-Length': { description: 'The size of the stored variant.', schema: { type: 'integer' } },
  ETag: { description: 'The hex SHA-256 of the bytes, quoted.', schema: { type: 'string' } },
  'Cache-Control': {
    description: '`private, no-store`: a single-use answer is never cached.',
    schema: { type: 'string' },
  },
  'Accept-Ranges': { description: '`none`: a Range header is ignored.', schema: { type: 'string' } },
  'X-Content-Type-Options': { schema: { type: 'string' } },
  'Referrer-Policy': { schema: { type: 'string' } },
} as const;

const tokenErrors = [
  {
    ...E.tokenPreviewRefused,
    description:
      'A link-preview crawler (Slackbot, WhatsApp, LINE, Twitterbot, …, by User-Agent): the token stays unused.',
  },
  {
    ...E.tokenUnknown,
    description: 'No such link (anything but 43 base64url characters is unknown without a lookup).',
  },
  { ...E.imageNotFound, description: 'The linked image, variant or stored object is gone.' },
  E.tokenUsed,
  E.tokenExpired,
  E.internal,
];
const tokenParams = z.object({
  token: z.string().meta({ description: 'The 256-bit token of a one-time URL; only its SHA-256 is stored.' }),
});

const ONE_TIME_LINKS = `The token is bound to one version and variant of an image. GET uses it up atomically: of any number
of concurrent requests exactly one gets the image, the others 410. A \`Range\` header is ignored (a partial answer would
strand the client with a spent token): the answer is always the whole image with \`Accept-Ranges: none\`.
Link-preview crawlers get 403 and the token stays unused.`;

/** Every route of the image server app. Its OpenAPI test fails when the app has a route this list lacks. */
const PATHS: RouteConfig[] = [
  {
    method: 'get',
    path: '/i/{token}',
    operationId: 'redeemLink',
    tags: ['One-time links'],
    summary: 'The image behind a one-time URL, once',
    description: ONE_TIME_LINKS,
    security: [],
    request: { params: tokenParams },
    responses: {
      200: {
        description: 'The image, streamed from storage; the token is now used.',
        headers: imageHeaders,
        content: Object.fromEntries(
          ACCEPTED_IMAGE_TYPES.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }]),
        ),
      },
      ...errorResponses(tokenErrors),
    },
  },
  {
    method: 'head',
    path: '/i/{token}',
    operationId: 'peekLink',
    tags: ['One-time links'],
    summary: 'The same status and headers as GET, without using the token',
    description: 'Lets a client check a link (or learn the size and type) before spending it.',
    security: [],
    request: { params: tokenParams },
    responses: {
      200: {
        description: 'The link would give the image; the token is still unused.',
        headers: imageHeaders,
      },
      ...Object.fromEntries(
        Object.entries(errorResponses(tokenErrors)).map(([status, r]) => [
          status,
          { description: `No body (HEAD).\n${r.description}` },
        ]),
      ),
    },
  },
  internal(
    {
      method: 'put',
      path: '/internal/images/{imageId}/versions',
      operationId: 'storeVersion',
      summary: 'Store the next version of an image',
      description: `The body is spooled to a temporary file (up to MAX_UPLOAD_BYTES), its format detected from the bytes and
checked against ALLOWED_TYPES, its pixel count against MAX_INPUT_PIXELS before decoding, then every pixel decoded. Only
then is it written under \`originals/\` and made current by a compare-and-swap on \`x-expected-version\`. The image is
created on its first version. A retry with the same \`idempotency-key\` answers the version it stored (200). Publishes
\`image.uploaded\` and \`image.updated\`.`,
      request: {
        params: imageParams,
        headers: versionHeaders,
        body: { required: true, content: { 'image/*': { schema: { type: 'string' } } } },
      },
    },
    {
      201: {
        description: 'Stored as the new current version.',
        content: json(z.object({ image: imageViewSchema, variant: variantViewSchema })),
      },
      200: {
        description: 'A retry: the version this idempotency key stored.',
        content: json(z.object({ image: imageViewSchema, variant: variantViewSchema })),
      },
    },
    [
      E.invalidRequest,
      E.emptyBody,
      {
        ...E.forbidden,
        description: 'The service account may not call this service, or the image has another kind or owner.',
      },
      E.imageNotFound,
      E.versionConflict,
      {
        ...E.payloadTooLarge,
        description: 'The body is larger than MAX_UPLOAD_BYTES; `details.limitBytes` is the limit.',
      },
      { ...E.unsupportedMediaType, description: 'The Content-Type is not image/*.' },
      E.imageTypeNotAllowed,
      E.imageInvalid,
      E.imageTooManyPixels,
      E.idempotencyKeyReused,
    ],
  ),
  internal(
    {
      method: 'post',
      path: '/internal/images/{imageId}/links',
      operationId: 'issueLink',
      summary: 'Issue a one-time URL',
      description:
        'Bound to the current version and the served variant (or the one asked for); valid LINK_TTL_SECONDS.',
      request: { params: imageParams, body: { required: true, content: json(linkRequest) } },
    },
    { 201: { description: 'Issued.', content: json(linkView) } },
    [
      ...jsonBodyErrors,
      { ...E.imageNotFound, description: 'No such image, or no version yet.' },
      E.imageVariantNotFound,
    ],
  ),
  ...[importUploadRoute, recordRenditionsRoute].map((route) =>
    routeConfig(route, { security: [{ serviceToken: [] }], errors: asService }),
  ),
  ...uploadPaths(asService),
  {
    method: 'post',
    path: '/tasks/reconcile',
    operationId: 'reconcileStore',
    tags: ['Tasks'],
    summary: 'One pass of the store reconciler (Cloud Scheduler, hourly)',
    description:
      'Served when SCHEDULER_SERVICE_ACCOUNT is set, for an OIDC token of that account. Objects under `originals/` and ' +
      '`derived/` that no image variant refers to are deleted (RECONCILE_REMOVE_ORPHANS) and variants whose object ' +
      'is missing reported, both older than RECONCILE_SAFETY_WINDOW_SECONDS.',
    security: [{ serviceToken: [] }],
    responses: {
      200: {
        description: 'What the pass found and removed.',
        content: json(reconcileReportView.meta({ id: 'ReconcileReport' })),
      },
      ...errorResponses([E.internal, ...asService]),
    },
  },
  ...platformPaths({ push: true }),
];

/** The OpenAPI 3.1 document of the image server; `npm run openapi` writes it to docs/image-server.openapi.json. */
export function buildImageServerOpenApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'serviceToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "A Google ID token (the dev identity provider's on `npm start`) of an ALLOWED_CALLERS service account, audience SERVICE_TOKEN_AUDIENCE.",
  });
  for (const [name, scheme] of Object.entries(PUSH_SECURITY_SCHEME))
    registry.registerComponent('securitySchemes', name, scheme);
  for (const route of PATHS) registry.registerPath(route);
  return withoutNullParameters(
    new OpenApiGeneratorV31(registry.definitions, { sortComponents: 'alphabetically' }).generateDocument({
      openapi: '3.1.0',
      info: { title: 'Event photo image server', version: '0.1.0', description: DESCRIPTION },
      servers: [
        {
          url: 'http://127.0.0.1:8081',
          description: '`npm start` (the local runner) with its default IMAGE_SERVER_PORT',
        },
      ],
      tags: [
        { name: 'One-time links', description: 'What phones call.' },
        { name: 'Internal', description: 'Called by other services or the platform, not by clients.' },
        { name: 'Uploads', description: 'The embedded upload target: what clients PUT direct uploads to.' },
        { name: 'Tasks', description: 'Called by Cloud Scheduler on a schedule.' },
        { name: 'Operations', description: 'Health and readiness.' },
      ],
    }),
  );
}
