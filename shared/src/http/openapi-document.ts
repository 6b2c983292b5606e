import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { defineRoute, mountRoute, routeConfig } from './contract';
import { PUSH_SECURITY_SCHEME, platformPaths, withoutNullParameters } from './openapi';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;
type SecurityScheme = Parameters<OpenAPIRegistry['registerComponent']>[2];

/** What a service's document says about itself, beside its operations. */
export interface ServiceDocument {
  title: string;
  description: string;
  /** Where `npm start` serves it: the default of the port setting named. */
  localServer: { port: number; portSetting: string };
  tags: readonly { name: string; description: string }[];
  securitySchemes: Readonly<Record<string, SecurityScheme>>;
  /** The service's own operations; health, readiness and the Pub/Sub push endpoint are added. */
  operations: readonly RouteConfig[];
}

/**
 * The OpenAPI 3.1 document of a service. The push endpoint is mounted only in the cloud composition; it is
 * documented all the same.
 */
export function buildServiceDocument(service: ServiceDocument): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries({ ...service.securitySchemes, ...PUSH_SECURITY_SCHEME }))
    registry.registerComponent('securitySchemes', name, scheme);
  for (const route of [...service.operations, ...platformPaths({ push: true })]) registry.registerPath(route);
  const generator = new OpenApiGeneratorV31(registry.definitions, { sortComponents: 'alphabetically' });
  return withoutNullParameters(
    generator.generateDocument({
      openapi: '3.1.0',
      info: { title: service.title, version: '0.1.0', description: service.description },
      servers: [
        {
          url: `http://127.0.0.1:${service.localServer.port}`,
          description: `\`npm start\` (the local runner) with its default ${service.localServer.portSetting}`,
        },
      ],
      tags: [...service.tags],
    }),
  );
}

export const openApiDocumentRoute = defineRoute({
  method: 'get',
  path: '/openapi.json',
  operationId: 'getOpenApiDocument',
  tags: ['Operations'],
  summary: 'This document',
  access: 'public',
  responses: {
    200: {
      description: 'The OpenAPI 3.1 document.',
      content: { 'application/json': { schema: { type: 'object' } } },
    },
  },
});

export const openApiDocumentOperation = routeConfig(openApiDocumentRoute, { security: [], errors: [] });

/** Serves the document `build` makes (once, on the first call) at `GET /openapi.json`. */
export function openApiDocumentRoutes(build: () => OpenApiDocument): Router {
  const router = Router();
  let document: OpenApiDocument | null = null;
  mountRoute(router, openApiDocumentRoute, { authorize: () => Promise.resolve(null) }, async ({ res }) => {
    res.json((document ??= build()));
  });
  return router;
}
