import type { operations } from './backend.gen';

/** Operations only other services call (Pub/Sub push, probes, the document itself): no app meets their errors. */
export const SERVER_ONLY_OPERATIONS = [
  'pubsubPush',
  'getHealth',
  'getReadiness',
  'getOpenApiDocument',
] as const;
export type AppOperation = Exclude<keyof operations, (typeof SERVER_ONLY_OPERATIONS)[number]>;

type Success = 200 | 201 | 202 | 204 | 304;
type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type ErrorBodies<Op> = Op extends { responses: infer R }
  ? { [S in keyof R]: S extends Success ? never : JsonBody<R[S]> }[keyof R]
  : never;
type CodeOf<B> = B extends { error: { code: infer C } } ? (C extends string ? C : never) : never;
/** The error codes the given operations of a generated document declare. */
export type ErrorCodeOf<Op> = CodeOf<ErrorBodies<Op>>;

/** Every error code an operation the apps call documents, read from the generated types. */
export type ApiErrorCode = ErrorCodeOf<operations[AppOperation]>;

/** The parts of the API's error body (`{ error: { code, message, requestId } }`) the apps read. */
export interface ApiErrorInfo {
  code: string;
  message: string;
  requestId: string | null;
}

/**
 * Reads the stable error code from an error body, whatever the call: null when the body is not the API's error
 * shape (a proxy's HTML page, a dropped connection). Show `errorMessage(code)`, not the server's English message.
 */
export function readApiError(body: unknown): ApiErrorInfo | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, requestId } = error as Record<string, unknown>;
  if (typeof code !== 'string') return null;
  return {
    code,
    message: typeof message === 'string' ? message : '',
    requestId: typeof requestId === 'string' ? requestId : null,
  };
}

/** The code alone, or null. */
export const readErrorCode = (body: unknown): string | null => readApiError(body)?.code ?? null;
