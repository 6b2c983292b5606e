import type { Router } from 'express';
import { openApiDocumentRoutes } from '@photo/shared/http/openapi-document';
import { buildOpenApiDocument } from '../http/openapi';

/** The OpenAPI 3.1 document of this API, generated from the same contracts the routes are mounted with. */
export const openApiRoutes = (): Router => openApiDocumentRoutes(buildOpenApiDocument);
