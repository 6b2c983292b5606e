import type { Router } from 'express';
import { openApiDocumentRoutes } from '@photo/shared/http/openapi-document';
import { buildGalleryOpenApiDocument } from '../http/openapi';

/** The OpenAPI 3.1 document of the gallery, generated from the same contracts the routes are mounted with. */
export const openApiRoutes = (): Router => openApiDocumentRoutes(buildGalleryOpenApiDocument);
