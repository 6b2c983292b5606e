import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { platformPaths, withoutNullParameters } from '@photo/shared/http/openapi';
import { mePaths, operationsPaths } from './openapi-app-paths';
import { imagePaths } from './openapi-image-paths';
import { notificationPaths } from './openapi-notification-paths';
import { SECURITY_SCHEMES } from './openapi-operation';
import { participantPaths } from './openapi-participant-paths';
import { uploadPaths } from './openapi-upload-paths';
import { operation, type BackendContract } from './route';
import { adminContracts } from '../routes/admin.routes';
import { auditContracts } from '../routes/audit.routes';
import { automationContracts } from '../routes/automation.routes';
import { dashboardContracts } from '../routes/dashboard.routes';
import { operatorContracts } from '../routes/operators.routes';
import { participantTokenContracts } from '../routes/participant-tokens.routes';
import { pipelineContracts } from '../routes/pipeline.routes';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const DESCRIPTION = `The backend of a live event photo experience, for three clients: the participant app, the operator
console and the staff QR app.

- **Operators and staff** send an Auth0 access token (\`operatorToken\`; the dev identity provider of \`npm start\`
  issues the same shape). Its \`permissions\` claim must hold the permission each operation names.
- **Participants** send the opaque \`pt_…\` token they received when they were created (\`participantToken\`).

Every answer carries an \`X-Request-Id\` header (a sane incoming \`X-Request-Id\` is kept). Every error has the body
\`{ "error": { "code", "message", "requestId", "details"? } }\`; each operation lists the codes it can answer with.
An unknown path answers 404 \`ROUTE.NOT_FOUND\`. JSON bodies must be sent as \`application/json\` and may be up to 1 MB
(a participant import up to 5 MB).

Images are never served here: the API hands out single-use URLs on the image server (see \`ImageLink\`).`;

/** Every route of the backend app. The OpenAPI test fails when the app has a route this list lacks. */
export const BACKEND_PATHS: RouteConfig[] = [
  ...participantPaths,
  ...(participantTokenContracts as BackendContract[]).map(operation),
  ...imagePaths,
  ...uploadPaths,
  ...mePaths,
  ...notificationPaths,
  ...(
    [
      ...adminContracts,
      ...operatorContracts,
      ...auditContracts,
      ...automationContracts,
      ...pipelineContracts,
      ...dashboardContracts,
    ] as BackendContract[]
  ).map(operation),
  ...operationsPaths,
  // The push endpoint is mounted only in the cloud composition; it is documented all the same.
  ...platformPaths({ push: true }),
];

/**
 * The OpenAPI 3.1 document of the backend API, generated from the zod schemas the routes parse with and the
 * response schemas the views are typed with. `npm run openapi` writes it to docs/openapi.json.
 */
export function buildOpenApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES))
    registry.registerComponent('securitySchemes', name, scheme);
  for (const route of BACKEND_PATHS) registry.registerPath(route);
  const generator = new OpenApiGeneratorV31(registry.definitions, { sortComponents: 'alphabetically' });
  return withoutNullParameters(
    generator.generateDocument({
      openapi: '3.1.0',
      info: { title: 'Event photo backend API', version: '0.1.0', description: DESCRIPTION },
      servers: [
        {
          url: 'http://127.0.0.1:8080',
          description: '`npm start` (the local runner) with its default BACKEND_PORT',
        },
      ],
      tags: [
        {
          name: 'Participants',
          description: 'Creating participants (one, an import, self-registration) and reading them.',
        },
        { name: 'Check-in', description: 'The staff QR app: scan, confirm, photograph.' },
        {
          name: 'Images',
          description: 'Event images, image listings, one-time URLs and the colour pipeline.',
        },
        {
          name: 'Participant app',
          description: "The participant's own data and update feed (polling or SSE).",
        },
        {
          name: 'Likes and notifications',
          description:
            'Liking images, the in-app inbox, Web Push subscriptions and notification preferences.',
        },
        {
          name: 'Uploads',
          description:
            "Direct uploads to storage through signed targets, and the upload pipeline's progress.",
        },
        { name: 'Admin', description: 'Dead letters of the event bus.' },
        { name: 'Internal', description: 'Called by the platform, not by clients.' },
        { name: 'Operations', description: 'Health, readiness and this document.' },
      ],
    }),
  );
}
