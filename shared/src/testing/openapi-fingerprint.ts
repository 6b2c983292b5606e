/**
 * A fingerprint of an API's contract, kept beside the service as `openapi.fingerprint.json`: what a client relies on,
 * per operation (its id, security, parameters, request bodies, response schemas and the error codes per status), and
 * the component schemas. Wording (summaries, descriptions, examples) is left out so it may be edited freely; a
 * refactoring of how the document is made must keep the fingerprint.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

type Node = Record<string, unknown>;
const METHODS = ['get', 'head', 'put', 'post', 'delete', 'patch'];

/** Drops wording (descriptions, examples) from a schema: the fingerprint is of shapes. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value !== 'object' || value === null) return value;
  const kept = Object.entries(value).filter(([key]) => key !== 'description' && key !== 'examples');
  return Object.fromEntries(kept.map(([key, v]) => [key, shape(v)]));
}

/** One line per operation and per component schema, so a change reads as a one-line diff. */
const render = (print: Node): string =>
  `{\n${Object.entries(print)
    .map(
      ([section, entries]) =>
        `${JSON.stringify(section)}: {\n${Object.entries(entries as Node)
          .map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`)
          .join(',\n')}\n}`,
    )
    .join(',\n')}\n}\n`;

/** The schema an error response narrows the shared `Error` body to; only its code enum is of interest. */
function errorCodes(schema: unknown): string[] | null {
  const allOf = (schema as { allOf?: Node[] } | undefined)?.allOf;
  if (allOf?.[0]?.$ref !== '#/components/schemas/Error') return null;
  const code = (allOf[1] as { properties: { error: { properties: { code: { enum: string[] } } } } })
    .properties.error.properties.code;
  return [...code.enum].sort();
}

export function fingerprint(document: Node): Node {
  const operations: Node = {};
  for (const [path, item] of Object.entries(document.paths as Record<string, Node>)) {
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method] as Node;
      const responses: Node = {};
      for (const [status, response] of Object.entries(op.responses as Record<string, Node>)) {
        const content = (response.content ?? {}) as Record<string, { schema?: unknown }>;
        const codes = errorCodes(content['application/json']?.schema);
        responses[status] = codes
          ? { codes }
          : Object.fromEntries(Object.entries(content).map(([type, c]) => [type, c.schema ?? null]));
      }
      const body = op.requestBody as { required?: boolean; content: Record<string, { schema: unknown }> };
      operations[`${method.toUpperCase()} ${path}`] = {
        operationId: op.operationId,
        security: op.security,
        parameters: ((op.parameters ?? []) as Node[]).map(({ name, in: where, required, schema }) => ({
          name,
          in: where,
          required,
          schema,
        })),
        ...(body
          ? {
              body: {
                required: body.required ?? false,
                content: Object.fromEntries(Object.entries(body.content).map(([t, c]) => [t, c.schema])),
              },
            }
          : {}),
        responses,
      };
    }
  }
  const schemas = ((document.components as { schemas?: Node } | undefined)?.schemas ?? {}) as Node;
  return shape({ operations, schemas }) as Node;
}

/**
 * Expects `document` to keep the fingerprint committed in `file`. `update` (UPDATE_FINGERPRINT=1) rewrites the file
 * first: only for a deliberate change of the API, reviewed in its diff.
 */
export async function expectFingerprintKept(document: object, file: string, update = false): Promise<void> {
  const now = JSON.parse(JSON.stringify(fingerprint(document as Node))) as Node;
  if (update) await writeFile(file, render(now));
  const committed = JSON.parse(await readFile(file, 'utf8')) as Node;
  expect(Object.keys(now.operations as Node).sort()).toEqual(
    Object.keys(committed.operations as Node).sort(),
  );
  expect(now).toEqual(committed);
}

/**
 * The suite a service's fingerprint test runs: its generated document keeps the fingerprint in the
 * `openapi.fingerprint.json` beside `testUrl`. UPDATE_FINGERPRINT=1 in `env` rewrites that file first.
 */
export function describeFingerprint(
  api: string,
  build: () => object,
  testUrl: string,
  env: NodeJS.ProcessEnv,
): void {
  const file = fileURLToPath(new URL('./openapi.fingerprint.json', testUrl));
  describe(`the ${api} contract`, () => {
    it('when the document is generated, then every operation keeps the contract fingerprinted in openapi.fingerprint.json', async () => {
      await expectFingerprintKept(build(), file, Boolean(env.UPDATE_FINGERPRINT));
    });
  });
}
