/**
 * Structural checks of an OpenAPI 3.1 document, listing every problem at once: what a generator bug or a
 * hand-written fragment (a raw schema, a security requirement) could get wrong. Not a full validation against the
 * OpenAPI JSON Schema, which would need a draft 2020-12 validator.
 */

type Node = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const isObject = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `METHOD /path` of every operation, e.g. `GET /participants/{visitorId}`. */
export function operationsOf(document: unknown): string[] {
  const paths = isObject(document) && isObject(document.paths) ? document.paths : {};
  return Object.entries(paths).flatMap(([path, item]) =>
    METHODS.filter((m) => isObject(item) && isObject(item[m])).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

export function openApiProblems(document: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(document)) return ['the document is not an object'];
  if (typeof document.openapi !== 'string' || !/^3\.1\.\d+$/.test(document.openapi))
    problems.push('openapi is not 3.1.x');
  const info = document.info;
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string') {
    problems.push('info needs a title and a version');
  }
  if (!isObject(document.paths)) return [...problems, 'paths is missing'];

  const components = isObject(document.components) ? document.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const declaredTags = Array.isArray(document.tags)
    ? document.tags.map((t) => (isObject(t) ? t.name : null))
    : null;
  const operationIds = new Set<string>();

  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/')) problems.push(`${path}: a path starts with /`);
    if (!isObject(item)) continue;
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (typeof op.operationId !== 'string') problems.push(`${where}: no operationId`);
      else if (operationIds.has(op.operationId))
        problems.push(`${where}: operationId ${op.operationId} is used twice`);
      else operationIds.add(op.operationId);

      const parameters = Array.isArray(op.parameters) ? op.parameters.filter(isObject) : [];
      for (const p of parameters) {
        if (typeof p.name !== 'string' || !['path', 'query', 'header', 'cookie'].includes(String(p.in))) {
          problems.push(`${where}: a parameter needs a name and a valid "in"`);
        }
        if (!isObject(p.schema) && !isObject(p.content))
          problems.push(`${where}: parameter ${String(p.name)} has no schema`);
      }
      const inPath = parameters.filter((p) => p.in === 'path');
      for (const name of templated) {
        const declared = inPath.find((p) => p.name === name);
        if (!declared) problems.push(`${where}: path parameter {${name}} is not declared`);
        else if (declared.required !== true)
          problems.push(`${where}: path parameter {${name}} must be required`);
      }
      for (const p of inPath)
        if (!templated.includes(String(p.name)))
          problems.push(`${where}: ${String(p.name)} is not in the path`);

      if (op.requestBody !== undefined) {
        const content = isObject(op.requestBody) ? op.requestBody.content : undefined;
        if (!isObject(content) || Object.keys(content).length === 0)
          problems.push(`${where}: a request body needs content`);
      }
      const responses = isObject(op.responses) ? op.responses : {};
      const statuses = Object.keys(responses);
      if (!statuses.some((s) => /^[23]/.test(s))) problems.push(`${where}: no success response`);
      for (const status of statuses) {
        if (status !== 'default' && !/^[1-5](\d\d|XX)$/.test(status))
          problems.push(`${where}: ${status} is not a status`);
        const response = responses[status];
        if (
          !isObject(response) ||
          (typeof response.description !== 'string' && typeof response.$ref !== 'string')
        ) {
          problems.push(`${where} ${status}: a response needs a description`);
        }
      }
      for (const requirement of Array.isArray(op.security) ? op.security : []) {
        for (const scheme of Object.keys(isObject(requirement) ? requirement : {})) {
          if (!(scheme in schemes)) problems.push(`${where}: security scheme ${scheme} is not defined`);
        }
      }
      for (const tag of Array.isArray(op.tags) ? op.tags : []) {
        if (declaredTags && !declaredTags.includes(tag))
          problems.push(`${where}: tag ${String(tag)} is not declared`);
      }
    }
  }

  walk(document, '#', (node, pointer) => {
    if (typeof node.$ref === 'string' && resolve(document, node.$ref) === undefined) {
      problems.push(`${pointer}: $ref ${node.$ref} does not resolve`);
    }
    if (
      'nullable' in node &&
      (isObject(node.type) || typeof node.type === 'string' || Array.isArray(node.type))
    ) {
      problems.push(`${pointer}: "nullable" is OpenAPI 3.0; 3.1 uses a type array`);
    }
  });
  return problems;
}

function walk(node: unknown, pointer: string, visit: (node: Node, pointer: string) => void): void {
  if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${pointer}/${i}`, visit));
  else if (isObject(node)) {
    visit(node, pointer);
    for (const [key, child] of Object.entries(node))
      walk(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, visit);
  }
}

/** Resolves a local JSON pointer (`#/components/schemas/Error`); undefined when it leads nowhere or is not local. */
function resolve(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * `METHOD /path` of every route an Express 5 app registers (routers included), in OpenAPI's `{param}` spelling.
 * Routers are assumed mounted at the root, as `createBaseApp` mounts them.
 */
export function expressRoutes(app: unknown): string[] {
  const found = new Set<string>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) {
          for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
            found.add(`${method.toUpperCase()} ${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
          }
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as { router: { stack: Layer[] } }).router.stack);
  return [...found];
}
