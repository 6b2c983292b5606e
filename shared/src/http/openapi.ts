import type { ResponseConfig, RouteConfig, ZodContentObject } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errors } from '../errors/errors';
import { PUSH_PATH, pushEnvelope } from './pubsub-push.routes';

/** The body of every error answer, as `errorHandler` renders it. */
export const errorBodySchema = z
  .object({
    error: z
      .object({
        code: z.string().meta({
          description: 'A stable code such as `IMAGE.VERSION_CONFLICT`: branch on it, not on the message.',
        }),
        message: z.string().meta({ description: 'For people; the wording may change.' }),
        requestId: z
          .string()
          .meta({ description: 'The request id, also sent as the `X-Request-Id` header.' }),
        details: z.record(z.string(), z.unknown()).optional().meta({
          description:
            'Context for programs, e.g. `issues` of `REQUEST.INVALID`, `currentVersion` of `IMAGE.VERSION_CONFLICT`.',
        }),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'Error' });

export const jsonContent = (schema: z.ZodType): ZodContentObject => ({ 'application/json': { schema } });

export interface DocumentedError {
  code: string;
  status: number;
  description: string;
}

/** An error as a route documents it: a catalog entry (or any documented error), or one with the route's own description. */
export type ErrorRef = DocumentedError | readonly [DocumentedError, string];

export const documentedError = (ref: ErrorRef): DocumentedError => {
  const [entry, description] = Array.isArray(ref) ? ref : [ref as DocumentedError, undefined];
  return { code: entry.code, status: entry.status, description: description ?? entry.description };
};

/**
 * The error responses of a route, one per status: the shared `Error` body with `code` narrowed to the codes that
 * status can carry, and a description listing them. A code listed twice keeps its last description.
 */
export function errorResponses(list: readonly DocumentedError[]): Record<string, ResponseConfig> {
  const byStatus = new Map<number, Map<string, DocumentedError>>();
  for (const error of list) {
    const codes = byStatus.get(error.status) ?? new Map<string, DocumentedError>();
    codes.set(error.code, error); // the last description of a code wins: a route's own beats the shared one
    byStatus.set(error.status, codes);
  }
  const responses: Record<string, ResponseConfig> = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const listed = [...byStatus.get(status)!.values()];
    const codes = listed.map((e) => e.code) as [string, ...string[]];
    const body = z.intersection(errorBodySchema, z.object({ error: z.object({ code: z.enum(codes) }) }));
    responses[String(status)] = {
      description: listed.map((e) => `- \`${e.code}\`: ${e.description}`).join('\n'),
      content: jsonContent(body),
    };
  }
  return responses;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Parameters (path, query, header) arrive as strings and can never be JSON null, but the generator marks a
 * coerced number as nullable (`z.coerce.number()` accepts null). This drops `null` from parameter types.
 */
export function withoutNullParameters<D extends object>(document: D): D {
  const copy = structuredClone(document) as {
    paths?: Record<string, Record<string, { parameters?: Json[] }>>;
  };
  for (const item of Object.values(copy.paths ?? {})) {
    for (const operation of Object.values(item)) {
      for (const parameter of operation.parameters ?? []) {
        const schema = (parameter as { schema?: { type?: Json } }).schema;
        if (schema && Array.isArray(schema.type)) {
          const types = schema.type.filter((t) => t !== 'null');
          schema.type = types.length === 1 ? types[0]! : types;
        }
      }
    }
  }
  return copy as D;
}

const healthView = z.object({ status: z.literal('ok') });
const readinessView = z.union([
  z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.literal('ok')) }),
  z.object({ status: z.literal('unavailable'), checks: z.record(z.string(), z.string()) }),
  z.object({ status: z.literal('draining') }),
]);

/** The push token scheme, for a service that mounts the Pub/Sub push endpoint. */
export const PUSH_SECURITY_SCHEME = {
  pushToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "A Google-signed OIDC token of the push subscription's service account (Cloud Pub/Sub push).",
  },
} as const;

/** What every service's app has (health, readiness), and the Pub/Sub push endpoint of those that mount it. */
export function platformPaths(options: { push: boolean }): RouteConfig[] {
  const paths: RouteConfig[] = [
    {
      method: 'get',
      path: '/healthz',
      operationId: 'getHealth',
      tags: ['Operations'],
      summary: 'Liveness: the process answers',
      security: [],
      responses: { 200: { description: 'Alive.', content: jsonContent(healthView) } },
    },
    {
      method: 'get',
      path: '/readyz',
      operationId: 'getReadiness',
      tags: ['Operations'],
      summary: 'Readiness: every dependency answers and the service is not draining',
      security: [],
      responses: {
        200: { description: 'Ready.', content: jsonContent(readinessView) },
        503: {
          description: 'Not ready: a check failed (each says why), or the service is draining.',
          content: jsonContent(readinessView),
        },
      },
    },
  ];
  if (!options.push) return paths;
  paths.push({
    method: 'post',
    path: PUSH_PATH,
    operationId: 'pubsubPush',
    tags: ['Internal'],
    summary: "Pub/Sub push delivery to this service's subscriptions",
    description: `Mounted only when the service runs with Cloud Pub/Sub push (the embedded bus delivers in-process);
called by Pub/Sub, not by clients. The envelope is decoded here and handed to the same handlers the embedded bus calls.
A 2xx acknowledges; any other status makes Pub/Sub redeliver with the subscription's backoff and, after the last
attempt, dead-letter the message. A poison message is dead-lettered here, with its reason, and acknowledged.`,
    security: [{ pushToken: [] }],
    request: { body: { required: true, content: jsonContent(pushEnvelope) } },
    responses: {
      204: { description: 'Handled, skipped, or rejected as poison and dead-lettered: acknowledged.' },
      ...errorResponses(
        (
          [
            errors.internal,
            errors.malformedJson,
            [errors.invalidRequest, 'Not a push envelope, or no handler for the subscription.'],
            [errors.unauthenticated, 'No push token, or one that does not verify.'],
            [errors.forbidden, 'The token is not of an allowed push service account.'],
            errors.unavailable,
            errors.deliveryRetry,
          ] as const
        ).map(documentedError),
      ),
    },
  });
  return paths;
}
