import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from '@photo/backend-api/http/openapi';
import { buildGalleryOpenApiDocument } from '@photo/gallery-api/http/openapi';
import { buildImageServerOpenApiDocument } from '@photo/image-server/http/openapi';

/**
 * The response contract: every answer a test receives is checked against the OpenAPI document of the service that
 * gave it. The status must be one the operation documents and a JSON body must match the documented schema, so the
 * document the apps are generated from cannot drift from what the code answers.
 */

interface DocumentedResponse {
  content?: Record<string, { schema?: unknown }>;
}
interface Operation {
  operationId?: string;
  responses: Record<string, DocumentedResponse>;
}
interface Document {
  info: { title: string };
  paths: Record<string, Record<string, Operation>>;
}

export interface MatchedOperation {
  service: string;
  operationId: string;
  method: string;
  path: string;
  responses: Record<string, DocumentedResponse>;
  pointer: string;
}

interface Route {
  regex: RegExp;
  templated: number;
  method: string;
  path: string;
  operation: Operation;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One service's document, its routes as regular expressions, and an ajv instance holding the whole document. */
export class ServiceContract {
  private readonly routes: Route[];
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    readonly service: string,
    document: object,
  ) {
    const doc = document as Document;
    this.routes = Object.entries(doc.paths)
      .flatMap(([path, item]) =>
        Object.entries(item).map(([method, operation]) => ({
          regex: new RegExp(
            `^${path
              .split(/(\{[^}]+\})/)
              .map((part) => (part.startsWith('{') ? '[^/]+' : escapeRegex(part)))
              .join('')}$`,
          ),
          templated: (path.match(/\{/g) ?? []).length,
          method: method.toUpperCase(),
          path,
          operation,
        })),
      )
      // A literal path wins over a template that also matches (`/participants/import` over `/participants/{id}`).
      .sort((a, b) => a.templated - b.templated);
    // OpenAPI 3.1 schemas are JSON Schema 2020-12; the document's own keywords (`example`, …) are not errors.
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats.default(this.ajv);
    this.ajv.addSchema(document, service);
  }

  /** The documented operation of `method` on `pathname`, or null when the document has none. */
  match(method: string, pathname: string): MatchedOperation | null {
    const wanted = method === 'HEAD' ? ['HEAD', 'GET'] : [method];
    for (const m of wanted) {
      const route = this.routes.find((r) => r.method === m && r.regex.test(pathname));
      if (route)
        return {
          service: this.service,
          operationId: route.operation.operationId ?? `${route.method} ${route.path}`,
          method: route.method,
          path: route.path,
          responses: route.operation.responses,
          pointer: `/paths/${route.path.replaceAll('~', '~0').replaceAll('/', '~1')}/${route.method.toLowerCase()}`,
        };
    }
    return null;
  }

  /** Validates a JSON body against the schema at `pointer` (a JSON pointer into the document); the problems, if any. */
  validate(pointer: string, body: unknown): string[] {
    let validate = this.validators.get(pointer);
    if (!validate) {
      const found = this.ajv.getSchema(`${this.service}#${pointer}`);
      if (!found) throw new Error(`no schema at ${this.service}#${pointer}`);
      validate = found;
      this.validators.set(pointer, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`,
    );
  }
}

interface ServiceContracts {
  backend: ServiceContract;
  imageServer: ServiceContract;
  gallery: ServiceContract;
}
let contracts: ServiceContracts | null = null;

/** The documents of the services the harness reaches, built from the same code as `npm run openapi`. */
export function serviceContracts(): ServiceContracts {
  contracts ??= {
    backend: new ServiceContract('backend', buildOpenApiDocument()),
    imageServer: new ServiceContract('image-server', buildImageServerOpenApiDocument()),
    gallery: new ServiceContract('gallery', buildGalleryOpenApiDocument()),
  };
  return contracts;
}

const pointerPart = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Checks one answer against its service's document; throws an Error naming the operation when the status is not
 * documented for it or a JSON body does not match. An unknown path may answer 404 `ROUTE.NOT_FOUND` (the document
 * says so once, for every path). Reads a clone of the response, so the caller can still read the body.
 */
export async function checkResponse(
  contract: ServiceContract,
  method: string,
  url: string,
  res: Response,
): Promise<void> {
  // The path as sent, not normalised: a raw request's `..` reaches the server as it is.
  const pathname = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0]!;
  const operation = contract.match(method, pathname);
  const contentType = res.headers.get('content-type') ?? '';
  const isJson = /^application\/json\b/.test(contentType);
  const body = isJson && method !== 'HEAD' ? await readJson(res) : undefined;
  const where = operation
    ? `${contract.service} ${operation.operationId} (${operation.method} ${operation.path})`
    : `${contract.service} ${method} ${pathname}`;
  if (!operation) {
    const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
    if (res.status === 404 && code === 'ROUTE.NOT_FOUND') return;
    throw new Error(`response contract: ${where} is not a documented operation (answered ${res.status})`);
  }
  const status = String(res.status);
  const documented = operation.responses[status] ?? operation.responses.default;
  if (!documented) {
    const listed = Object.keys(operation.responses).join(', ');
    throw new Error(
      `response contract: ${where} answered ${status}, which it does not document (documented: ${listed})` +
        (body === undefined ? '' : `; body: ${JSON.stringify(body).slice(0, 500)}`),
    );
  }
  if (method === 'HEAD' || res.status === 304 || res.status === 204) return;
  const mediaTypes = Object.keys(documented.content ?? {});
  if (isJson) {
    if (!mediaTypes.includes('application/json'))
      throw new Error(
        `response contract: ${where} answered ${status} with JSON; documented: ${mediaTypes.join(', ') || 'no body'}`,
      );
    if (!documented.content!['application/json']!.schema) return;
    const key = operation.responses[status] ? status : 'default';
    const pointer = `${operation.pointer}/responses/${key}/content/${pointerPart('application/json')}/schema`;
    const problems = contract.validate(pointer, body);
    if (problems.length > 0)
      throw new Error(
        `response contract: ${where} answered ${status} with a body that does not match its schema:\n  ` +
          `${problems.slice(0, 10).join('\n  ')}\nbody: ${JSON.stringify(body).slice(0, 1000)}`,
      );
    return;
  }
  const mediaType = contentType.split(';')[0]!.trim();
  if (mediaType && !mediaTypes.some((t) => t === mediaType || t.endsWith('/*') || t === '*/*'))
    throw new Error(
      `response contract: ${where} answered ${status} as ${mediaType}; documented: ${mediaTypes.join(', ') || 'no body'}`,
    );
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.clone().text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(
      `response contract: ${res.url} says application/json but its body is not JSON: ${text.slice(0, 200)}`,
    );
  }
}
