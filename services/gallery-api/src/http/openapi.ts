import {
  buildServiceDocument,
  openApiDocumentOperation,
  type OpenApiDocument,
} from '@photo/shared/http/openapi-document';
import { galleryContracts } from '../routes/gallery.routes';
import { reconcileTaskOperation, SCHEDULER_SECURITY_SCHEME } from '../routes/tasks.routes';
import { galleryOperation } from './route';

const DESCRIPTION = `The face gallery: a visitor shows a selfie, the gallery reads the face's expression, recognises a
returning visitor who consented, and recommends event images with one-time URLs.

There is no login. \`POST /createUser\` (and \`POST /emotion\` for a recognised face) hand out a **gallery token**
(\`gt_\` and 43 characters, valid for GALLERY_SESSION_TTL_SECONDS): send it as \`Authorization: Bearer\` to
\`/gallery\`, \`/like\` and \`DELETE /users/{userId}\`, which act only on the token's own user (another user's id is 403
\`AUTH.FORBIDDEN\`). A participant token works as well, for the gallery user that participant made (\`POST
/createUser\` with the participant token binds the two). The ids a client keeps are opaque strings with a fixed shape,
and a malformed one is 400 \`REQUEST.INVALID\` before anything is looked up:

- \`gu_\` and 26 base32 characters: a gallery **user** id (130 random bits).
- \`fa_\` and 26 base32 characters: an **analysis** id from \`POST /emotion\`, valid for a few minutes.
- \`img_\` and 20 base32 characters: a **catalog item**, the image id the image server stores it under.

Every answer carries an \`X-Request-Id\` header. Every error has the body
\`{ "error": { "code", "message", "requestId", "details"? } }\`; each operation lists the codes it can answer with.
An unknown path answers 404 \`ROUTE.NOT_FOUND\`. JSON bodies must be sent as \`application/json\` and may be up to 1 MB.`;

/** The OpenAPI 3.1 document of the gallery, from its routes' contracts; `npm run openapi` writes it to docs/gallery.openapi.json. */
export function buildGalleryOpenApiDocument(): OpenApiDocument {
  return buildServiceDocument({
    title: 'Event photo face gallery',
    description: DESCRIPTION,
    localServer: { port: 8082, portSetting: 'GALLERY_PORT' },
    tags: [
      { name: 'Face gallery', description: 'Selfie, user, recommendations, likes, erasure.' },
      { name: 'Internal', description: 'Called by the platform, not by clients.' },
      { name: 'Tasks', description: 'Called by Cloud Scheduler.' },
      { name: 'Operations', description: 'Health, readiness and this document.' },
    ],
    securitySchemes: {
      galleryToken: {
        type: 'http',
        scheme: 'bearer',
        description:
          'A gallery token from `POST /createUser` or `POST /emotion`, or the participant token of the participant who made the user.',
      },
      ...SCHEDULER_SECURITY_SCHEME,
    },
    operations: [...galleryContracts.map(galleryOperation), reconcileTaskOperation, openApiDocumentOperation],
  });
}
