import { buildServiceDocument, type OpenApiDocument } from '@photo/shared/http/openapi-document';
import { internalContracts } from '../routes/internal.routes';
import { oneTimeLinkContracts } from '../routes/one-time-link.routes';
import { tasksContracts } from '../routes/tasks.routes';
import { uploadContracts } from '../routes/uploads.routes';
import { imageServerOperation } from './route';

const DESCRIPTION = `The image server (画像管理サーバー): it stores image versions, issues single-use URLs and serves them as
a reverse proxy of storage. Phones only ever call \`/i/{token}\`; the \`/internal\` routes are for other services (the
backend API, the gallery, the upload pipeline), authenticated with a service identity token. Errors have the body \`{ "error": { "code", "message", "requestId",
"details"? } }\`.`;

/**
 * The OpenAPI 3.1 document of the image server, from its routes' contracts; `npm run openapi` writes it to
 * docs/image-server.openapi.json.
 */
export function buildImageServerOpenApiDocument(): OpenApiDocument {
  const contracts = [...oneTimeLinkContracts, ...internalContracts, ...uploadContracts, ...tasksContracts];
  return buildServiceDocument({
    title: 'Event photo image server',
    description: DESCRIPTION,
    localServer: { port: 8081, portSetting: 'IMAGE_SERVER_PORT' },
    tags: [
      { name: 'One-time links', description: 'What phones call.' },
      { name: 'Internal', description: 'Called by other services or the platform, not by clients.' },
      { name: 'Uploads', description: 'The embedded upload target: what clients PUT direct uploads to.' },
      { name: 'Tasks', description: 'Called by Cloud Scheduler on a schedule.' },
      { name: 'Operations', description: 'Health and readiness.' },
    ],
    securitySchemes: {
      serviceToken: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          "A Google ID token (the dev identity provider's on `npm start`) of an ALLOWED_CALLERS service account, audience SERVICE_TOKEN_AUDIENCE.",
      },
    },
    operations: contracts.map(imageServerOperation),
  });
}
