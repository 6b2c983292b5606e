/** Placeholder replaced by the generated document builder. */
export function buildOpenApiDocument(): unknown {
  return { openapi: '3.1.0', info: { title: 'Event photo backend API', version: '0.1.0' }, paths: {} };
}
