import { Router } from 'express';
import { buildGalleryOpenApiDocument } from '../http/openapi';

/** The OpenAPI 3.1 document of the gallery, generated from the same zod schemas the routes parse with. */
export function openApiRoutes(): Router {
  const router = Router();
  let document: unknown = null;
  router.get('/openapi.json', (_req, res) => {
    document ??= buildGalleryOpenApiDocument();
    res.json(document);
  });
  return router;
}
