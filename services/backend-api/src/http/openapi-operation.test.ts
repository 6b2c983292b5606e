import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';

interface Op {
  security: Record<string, string[]>[];
  responses: Record<string, { description: string }>;
}

describe('operation access in the OpenAPI document', () => {
  const paths = buildOpenApiDocument().paths as Record<string, Record<string, Op>>;

  it('when staff and operators may call POST /uploads too, then its 403 does not say it is for participants', () => {
    const op = paths['/uploads']!.post!;
    expect(op.security).toEqual([
      { participantToken: [] },
      { operatorToken: ['upload:photos'] },
      { operatorToken: ['write:images'] },
    ]);
    expect(op.responses['403']!.description).not.toMatch(/for participants/);
    expect(op.responses['403']!.description).toMatch(/upload:photos/);
  });

  it('when an operation is for participants only, then its 403 says so', () => {
    expect(paths['/me']!.get!.responses['403']!.description).toMatch(/for participants/);
  });
});
