import { Router } from 'express';
import { buildOpenApiDocument } from '../http/openapi';

/** The OpenAPI 3.1 document of this API, generated from the same zod schemas the routes parse with. */
export function openApiRoutes(): Router {
  const router = Router();
  let document: unknown = null;
  router.get('/openapi.json', (_req, res) => {
    document ??= buildOpenApiDocument();
    res.json(document);
  });
  return router;
}
