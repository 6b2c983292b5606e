import {
  buildServiceDocument,
  openApiDocumentOperation,
  type OpenApiDocument,
} from '@photo/shared/http/openapi-document';
import { operation, type BackendContract } from './route';
import { adminContracts } from '../routes/admin.routes';
import { checkInContracts } from '../routes/checkin.routes';
import { imageContracts } from '../routes/images.routes';
import { lookContracts } from '../routes/looks.routes';
import { participantContracts } from '../routes/participants.routes';
import { auditContracts } from '../routes/audit.routes';
import { automationContracts } from '../routes/automation.routes';
import { dashboardContracts } from '../routes/dashboard.routes';
import { likeContracts } from '../routes/likes.routes';
import { meContracts } from '../routes/me.routes';
import { notificationContracts } from '../routes/notifications.routes';
import { notificationSettingsContracts } from '../routes/notification-settings.routes';
import { operatorContracts } from '../routes/operators.routes';
import { participantTokenContracts } from '../routes/participant-tokens.routes';
import { pipelineContracts } from '../routes/pipeline.routes';
import { uploadContracts } from '../uploads/uploads.routes';

/** How callers prove who they are; the operation's `security` names the permission (3.1 allows role names). */
const SECURITY_SCHEMES = {
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
} as const;

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

const TAGS = Object.entries({
  Participants: 'Creating participants (one, an import, self-registration) and reading them.',
  'Check-in': 'The staff QR app: scan, confirm, photograph.',
  Images: 'Event images, image listings, one-time URLs and the colour pipeline.',
  'Participant app': "The participant's own data and update feed (polling or SSE).",
  'Likes and notifications':
    'Liking images, the in-app inbox, Web Push subscriptions and notification preferences.',
  Uploads: "Direct uploads to storage through signed targets, and the upload pipeline's progress.",
  Admin: 'Dead letters of the event bus.',
  Internal: 'Called by the platform, not by clients.',
  Operations: 'Health, readiness and this document.',
}).map(([name, description]) => ({ name, description }));

/** Every route of the backend app, in the document's order. The OpenAPI test fails when the app has another. */
const CONTRACTS: readonly BackendContract[] = [
  ...participantContracts,
  ...checkInContracts,
  ...imageContracts,
  ...lookContracts,
  ...uploadContracts,
  ...participantTokenContracts,
  ...meContracts,
  ...likeContracts,
  ...notificationContracts,
  ...notificationSettingsContracts,
  ...adminContracts,
  ...operatorContracts,
  ...auditContracts,
  ...automationContracts,
  ...pipelineContracts,
  ...dashboardContracts,
];

/**
 * The OpenAPI 3.1 document of the backend API, made from the routes' contracts. `npm run openapi` writes it to
 * docs/openapi.json.
 */
export function buildOpenApiDocument(): OpenApiDocument {
  return buildServiceDocument({
    title: 'Event photo backend API',
    description: DESCRIPTION,
    localServer: { port: 8080, portSetting: 'BACKEND_PORT' },
    securitySchemes: SECURITY_SCHEMES,
    operations: [...CONTRACTS.map(operation), openApiDocumentOperation],
    tags: TAGS,
  });
}
