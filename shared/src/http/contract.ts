/**
 * HTTP contracts, each declared once. A contract names a route's method and path, who may call it, its request
 * schemas (path, query, headers, JSON body), its responses and the catalog errors it answers with. From it:
 * - `mountRoute` mounts a handler on an express Router: the request is checked (`authorize`), then parsed (400
 *   `REQUEST.INVALID` listing every issue; a JSON body as `jsonBody` reads it), and the handler gets the typed input
 *   and returns a reply typed by the declared responses (or answers on `res` itself: a stream, an event stream);
 * - `routeConfig` makes the OpenAPI operation (`@asteasolutions/zod-to-openapi`), with the errors the request
 *   implies, the access's errors and the route's own, one response per status.
 * What `access` means is the service's: it says how to check it (`authorize`) and how to document it (`AccessDoc`).
 */
import type { ResponseConfig, RouteConfig, ZodContentObject } from '@asteasolutions/zod-to-openapi';
import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { errors } from '../errors/errors';
import { documentedError, errorResponses, jsonContent, type ErrorRef } from './openapi';
import { hasJsonBody } from './json-body';
import { jsonBody, parse } from './validate';

export interface ResponseContract {
  description: string;
  /** A JSON body. */
  body?: z.ZodType;
  /** Any other content, documented as given (an event stream, an image). */
  content?: ZodContentObject;
  headers?: ResponseConfig['headers'];
}

export interface RequestContract {
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  /** A JSON body, parsed before the handler runs (415 unless sent as application/json). */
  body?: z.ZodType;
  /** The JSON body may be left out; the handler then gets what the body schema makes of `{}`. */
  optionalBody?: boolean;
  /** A body the handler reads itself (a stream, CSV), documented as given. */
  content?: ZodContentObject;
}

export interface HttpContract<Access = unknown> {
  method: 'get' | 'head' | 'post' | 'put' | 'patch' | 'delete';
  /** The OpenAPI path: `{name}` for a path parameter. */
  path: string;
  operationId: string;
  tags: readonly string[];
  summary: string;
  description?: string;
  access: Access;
  request?: RequestContract;
  responses: Readonly<Record<number, ResponseContract>>;
  /** Catalog entries the route answers with, beside those its request and access imply. */
  errors?: readonly ErrorRef[];
}

/** Keeps the literal types of a contract (statuses, schemas) for its handler. */
export const defineRoute = <const C extends HttpContract>(contract: C): C => contract;

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type RequestOf<C extends HttpContract> = NonNullable<C['request']>;

export interface RouteInput<C extends HttpContract, Caller> {
  params: Parsed<RequestOf<C>['params']>;
  query: Parsed<RequestOf<C>['query']>;
  headers: Parsed<RequestOf<C>['headers']>;
  body: Parsed<RequestOf<C>['body']>;
  caller: Caller;
  req: Request;
  res: Response;
}

type Statuses<C extends HttpContract> = keyof C['responses'] & number;

/** An answer the contract declares: its status, and its JSON body when that status has one. */
export type Reply<C extends HttpContract> = {
  [S in Statuses<C>]: C['responses'][S] extends { body: infer B extends z.ZodType }
    ? { status: S; body: z.output<B>; headers?: Record<string, string> }
    : { status: S; headers?: Record<string, string> };
}[Statuses<C>];

/**
 * Returns the reply, or nothing when it answered on `res` itself. The conditional defers the type until the contract
 * is inferred, so a handler's `status: 200` is read as the literal the contract declares, not widened to number.
 */
export type RouteHandler<C extends HttpContract, Caller> = C extends unknown
  ? (input: RouteInput<C, Caller>) => Promise<Reply<C> | void>
  : never;

export interface MountOptions<Caller> {
  /** Checks the caller as the contract's access demands, and throws to refuse; runs after `before`. */
  authorize: (req: Request, res: Response) => Promise<Caller>;
  /** Middleware that runs first: a rate limit, a body parser. */
  before?: readonly RequestHandler[];
}

/** Mounts `handler` on `router` at the contract's method and path, behind its access check and request parsing. */
export function mountRoute<C extends HttpContract, Caller>(
  router: Router,
  contract: C,
  options: MountOptions<Caller>,
  handler: RouteHandler<C, Caller>,
): void {
  const path = contract.path.replace(/\{(\w+)\}/g, ':$1');
  const request = contract.request ?? {};
  router[contract.method](path, ...(options.before ?? []), async (req: Request, res: Response) => {
    const caller = await options.authorize(req, res);
    const headers = request.headers;
    const input = {
      params: request.params && parse(request.params, req.params),
      query: request.query && parse(request.query, req.query),
      headers:
        headers && parse(headers, Object.fromEntries(Object.keys(headers.shape).map((h) => [h, req.get(h)]))),
      body:
        request.body &&
        (request.optionalBody && !hasJsonBody(req) ? parse(request.body, {}) : jsonBody(req, request.body)),
      caller,
      req,
      res,
    } as RouteInput<C, Caller>;
    const reply = (await handler(input)) as {
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
    };
    if (!reply) return;
    if (reply.headers) res.set(reply.headers);
    res.status(reply.status);
    if ('body' in reply) res.json(reply.body);
    else res.end();
  });
}

/** How a service documents one access: its security requirements, the errors it brings, a note for the reader. */
export interface AccessDoc {
  security: NonNullable<RouteConfig['security']>;
  errors: readonly ErrorRef[];
  note?: string;
}

/** The errors a request's declared parts imply: a parse failure, and for a JSON body what reading it can answer. */
function impliedErrors(request: RequestContract): ErrorRef[] {
  if (request.body)
    return [errors.malformedJson, errors.invalidRequest, errors.payloadTooLarge, errors.unsupportedMediaType];
  // Headers alone imply nothing: most are optional strings (If-None-Match) that cannot fail to parse.
  return request.params || request.query ? [errors.invalidRequest] : [];
}

/** The OpenAPI operation of a contract; `more` adds errors the service's mounting brings (a rate limit). */
export function routeConfig(
  contract: HttpContract,
  access: AccessDoc,
  more: readonly ErrorRef[] = [],
): RouteConfig {
  const { method, path, operationId, tags, summary, description } = contract;
  const request = contract.request ?? {};
  const bodyContent = request.body ? jsonContent(request.body) : request.content;
  const responses: Record<string, ResponseConfig> = {};
  for (const [status, r] of Object.entries(contract.responses)) {
    const content = r.body ? jsonContent(r.body) : r.content;
    responses[status] = { description: r.description, headers: r.headers, content };
  }
  const listed: ErrorRef[] = [
    errors.internal,
    ...access.errors,
    ...impliedErrors(request),
    ...(contract.errors ?? []),
    ...more,
  ];
  const failures = errorResponses(listed.map(documentedError));
  const note = access.note;
  return {
    method,
    path,
    operationId,
    tags: [...tags],
    summary,
    ...(description || note ? { description: [description, note].filter(Boolean).join('\n\n') } : {}),
    security: access.security,
    request: {
      params: request.params,
      query: request.query,
      headers: request.headers,
      body: bodyContent && { required: !request.optionalBody, content: bodyContent },
    },
    responses: { ...responses, ...(method === 'head' ? withoutBodies(failures) : failures) },
  };
}

/** A HEAD answer has no body: its errors are documented by their status and description alone, saying so. */
const withoutBodies = (responses: Record<string, ResponseConfig>): Record<string, ResponseConfig> =>
  Object.fromEntries(
    Object.entries(responses).map(([status, r]) => [
      status,
      { description: `No body (HEAD).\n${r.description}` },
    ]),
  );
