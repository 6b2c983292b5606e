import fc from 'fast-check';

/**
 * Bad requests for every operation of an OpenAPI document, generated from its own description: each documented
 * parameter and body is replaced, in turn, by a value of the wrong type, a boundary number, a long or odd unicode
 * string, a path id that tries to leave its directory, an unknown field, a missing one, or the wrong content type.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}

export interface OperationInfo {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  bodyTypes: string[];
  bodySchema: Schema | null;
  security: Record<string, string[]>[];
}

export interface FuzzRequest {
  operation: OperationInfo;
  /** What this case changes, for a failure message. */
  what: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

interface Document {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, Schema> };
}

export function operationsOf(document: object): OperationInfo[] {
  const doc = document as Document;
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => {
      const content =
        (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content ?? {};
      return {
        method: method.toUpperCase(),
        path,
        operationId: String(op.operationId),
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        bodyTypes: Object.keys(content),
        bodySchema: content['application/json']?.schema ?? null,
        security: (op.security as Record<string, string[]>[] | undefined) ?? [],
      };
    }),
  );
}

/** Resolves `$ref`s against the document's components. */
export function resolver(document: object): (s: Schema) => Schema {
  const schemas = (document as Document).components?.schemas ?? {};
  const resolve = (s: Schema): Schema => (s.$ref ? resolve(schemas[s.$ref.split('/').pop()!] ?? {}) : s);
  return resolve;
}

// Strings that have hurt servers: traversal, NUL, encoded separators, odd unicode, lone surrogates, very long.
const nastyStrings = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '../../../etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2f',
    '..\\..\\windows',
    'a\u0000b',
    '%00',
    '\u202e\u0301\ufeff',
    '\ud800',
    '𝕏'.repeat(40),
    '__proto__',
    'constructor',
    '${jndi:ldap://x}',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    'null',
    'NaN',
    '-0',
    '1e309',
    '0x10',
  ),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.integer({ min: 101, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

const boundaryNumbers = fc.constantFrom(
  -1,
  0,
  -0,
  0.5,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
);

/** A value that is wrong for `schema` (or at least odd): the wrong type, out of bounds, outside the enum. */
export function badValue(schema: Schema, resolve: (s: Schema) => Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const wrongType = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    boundaryNumbers,
    nastyStrings,
    fc.constant([]),
    fc.constant({}),
    fc.constant([[[[[[]]]]]]),
  );
  const specific: fc.Arbitrary<unknown>[] = [];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'integer' || type === 'number') {
    if (s.minimum !== undefined) specific.push(fc.constant(s.minimum - 1));
    if (s.maximum !== undefined) specific.push(fc.constant(s.maximum + 1));
    specific.push(boundaryNumbers, fc.constant('1'));
  }
  if (type === 'string') {
    if (s.maxLength !== undefined) specific.push(fc.constant('a'.repeat(s.maxLength + 1)));
    if (s.minLength) specific.push(fc.constant('a'.repeat(s.minLength - 1)));
    specific.push(nastyStrings, fc.integer());
  }
  if (s.enum)
    specific.push(fc.constant(`${String(s.enum[0])}x`), fc.constant(String(s.enum[0]).toUpperCase()));
  if (type === 'array' && depth < 3) {
    if (s.maxItems !== undefined)
      specific.push(fc.constant(Array.from({ length: s.maxItems + 1 }, () => 'x')));
    if (s.items) specific.push(fc.array(badValue(s.items, resolve, depth + 1), { maxLength: 3 }));
    specific.push(fc.constant([]));
  }
  if (type === 'object' && depth < 3) specific.push(badObject(s, resolve, depth + 1));
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? [])].slice(0, 3))
    if (depth < 3) specific.push(badValue(alt, resolve, depth + 1));
  return specific.length > 0 ? fc.oneof(wrongType, ...specific) : wrongType;
}

/** A plausible value of `schema`: good enough to carry a bad sibling past the first check. */
function plausible(schema: Schema, resolve: (s: Schema) => Schema): unknown {
  const s = resolve(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'integer' || type === 'number') return s.minimum ?? 1;
  if (type === 'boolean') return true;
  if (type === 'array') return s.items ? [plausible(s.items, resolve)] : [];
  if (type === 'object')
    return Object.fromEntries(
      (s.required ?? []).map((k) => [k, plausible(s.properties?.[k] ?? {}, resolve)]),
    );
  const first = s.anyOf?.[0] ?? s.oneOf?.[0] ?? s.allOf?.[0];
  if (first) return plausible(first, resolve);
  return 'x'.repeat(Math.max(1, s.minLength ?? 1));
}

/** An object with one thing wrong: a field missing, an unknown field, or one field's value bad. */
function badObject(schema: Schema, resolve: (s: Schema) => Schema, depth: number): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const base = plausible(s, resolve) as Record<string, unknown>;
  const keys = Object.keys(s.properties ?? {});
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom('extra', '__proto__', 'constructor', '', '𝕏').map((k) => ({ ...base, [k]: 1 })),
  ];
  if ((s.required ?? []).length > 0)
    options.push(
      fc.constantFrom(...s.required!).map((k) => {
        const copy = { ...base };
        delete copy[k];
        return copy;
      }),
    );
  if (keys.length > 0)
    options.push(
      fc
        .constantFrom(...keys)
        .chain((k) => badValue(s.properties![k]!, resolve, depth).map((v) => ({ ...base, [k]: v }))),
    );
  return fc.oneof(...options);
}

/** Percent-encoded as a client would; a lone surrogate (no UTF-8 form) becomes the replacement character. */
const encoded = (s: string): string =>
  encodeURIComponent(
    s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
  );

const badPathIds = fc.oneof(
  fc.constantFrom(
    '..',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2f%2e%2e%2f',
    'v_aaaaaaaaaaaaaaaaaaaa%00',
    '%00',
    'a%2Fb',
    '%252F',
    '%5C..%5C',
    '%E0%A4%A',
    '%C0%AF',
    '%F0%9D%95%8F',
    'img_' + 'a'.repeat(5000),
    'img_AAAAAAAAAAAAAAAAAAAA',
    '%20',
    '.',
  ),
  nastyStrings.map((s) => encoded(s) || '%20'),
);

const badQueryValues = fc.oneof(
  fc.constantFrom('0x10', '1e1', '-1', '', ' 5', '5 ', '1.0', '+1', '٣', 'Infinity', '%00', '%ZZ', '1%00'),
  nastyStrings.map((s) => encoded(s)),
);

const badContentTypes = fc.constantFrom(
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/json; charset=utf-16',
  'application/json; charset=latin-9000',
  'application/xml',
  'image/png',
  'application/octet-stream',
  '',
  ';;;',
);

const templatedPath = (op: OperationInfo, ids: Record<string, string>): string =>
  op.path.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name] ?? 'x');

/**
 * Bad requests for one operation. `validIds` holds a real id per path parameter name, so the other mutations are
 * not stopped by an unknown id first.
 */
export function badRequest(
  op: OperationInfo,
  document: object,
  validIds: Record<string, string>,
): fc.Arbitrary<FuzzRequest> {
  const resolve = resolver(document);
  const base = (what: string, extra: Partial<FuzzRequest> = {}): FuzzRequest => ({
    operation: op,
    what,
    method: op.method,
    path: templatedPath(op, validIds),
    headers: {},
    ...extra,
  });
  const json = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null');
  const options: fc.Arbitrary<FuzzRequest>[] = [];
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  if (pathParams.length > 0)
    options.push(
      fc.tuple(fc.constantFrom(...pathParams), badPathIds).map(([p, id]) =>
        base(`path ${p.name}=${id.slice(0, 60)}`, {
          path: templatedPath(op, { ...validIds, [p.name]: id }),
        }),
      ),
    );
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  options.push(
    fc
      .tuple(
        fc.constantFrom(
          ...queryParams.map((p) => p.name),
          'unknown',
          '__proto__',
          'constructor[prototype][x]',
        ),
        badQueryValues,
        fc.boolean(),
      )
      .map(([name, value, twice]) => {
        const query = `${name}=${value}${twice ? `&${name}=${value}` : ''}`;
        return base(`query ${query.slice(0, 80)}`, { path: `${templatedPath(op, validIds)}?${query}` });
      }),
  );
  const headerParams = op.parameters.filter((p) => p.in === 'header');
  if (headerParams.length > 0)
    options.push(
      fc
        .tuple(
          fc.constantFrom(...headerParams),
          fc.oneof(
            fc.constantFrom('', 'short', 'a'.repeat(5000), 'has space', '"etag"', '*', 'W/"x"'),
            fc.stringMatching(/^[\x21-\x7e]{0,200}$/),
          ),
        )
        .map(([p, v]) => base(`header ${p.name}: ${v.slice(0, 60)}`, { headers: { [p.name]: v } })),
    );
  if (op.bodySchema) {
    const schema = op.bodySchema;
    options.push(
      badValue(schema, resolve).map((v) =>
        base(`JSON body ${JSON.stringify(v)?.slice(0, 120)}`, {
          headers: { 'content-type': 'application/json' },
          body: json(v),
        }),
      ),
      fc
        .constantFrom('{', '{"a":', '[1,]', "{'a':1}", '\u0000', 'nul', '{"a":1}{"b":2}', '"\ud800"', ' ')
        .map((text) =>
          base(`malformed JSON ${JSON.stringify(text)}`, {
            headers: { 'content-type': 'application/json' },
            body: Buffer.from(text),
          }),
        ),
      fc.constant(
        base('deeply nested JSON', {
          headers: { 'content-type': 'application/json' },
          body: Buffer.from('['.repeat(5000) + ']'.repeat(5000)),
        }),
      ),
    );
  }
  if (op.bodyTypes.length > 0)
    options.push(
      fc
        .tuple(badContentTypes, fc.constantFrom('{"a":1}', 'x', '', '\u0000'.repeat(10)))
        .map(([type, body]) =>
          base(`content-type ${JSON.stringify(type)}`, {
            headers: type ? { 'content-type': type } : {},
            body: Buffer.from(body),
          }),
        ),
    );
  return fc.oneof(...options);
}
