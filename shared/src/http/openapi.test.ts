import { describe, expect, it } from 'vitest';
import { errors } from '../errors/errors';
import { uploadErrors } from '../errors/upload-errors';
import { documentedError, errorResponses, withoutNullParameters } from './openapi';

describe('OpenAPI documentation of errors', () => {
  it('when the catalog has an entry, then it documents the code and status of the error it builds, and a description', () => {
    const entries = Object.values({ ...errors, ...uploadErrors });
    for (const entry of entries) {
      expect(entry.code).toMatch(/^[A-Z_]+(\.[A-Z_]+)?$/);
      expect(entry.description.length).toBeGreaterThan(0);
    }
    expect(errors.participantNotFound('v_1')).toMatchObject({ code: 'PARTICIPANT.NOT_FOUND', status: 404 });
    expect(errors.participantNotFound.status).toBe(404);
    expect(new Set(entries.map((e) => e.code)).size).toBe(entries.length);
  });

  it('when errors share a status, then one response lists their codes, and a repeated code keeps its last description', () => {
    const responses = errorResponses(
      [
        errors.internal,
        errors.participantNotFound,
        errors.imageNotFound,
        [errors.imageNotFound, 'not yours'] as const,
      ].map(documentedError),
    );
    expect(Object.keys(responses)).toEqual(['404', '500']);
    expect(responses['404']!.description).toBe(
      '- `PARTICIPANT.NOT_FOUND`: Participant {visitorId} does not exist.\n- `IMAGE.NOT_FOUND`: not yours',
    );
  });

  it('when a parameter schema allows null, then the document drops null (parameters are strings)', () => {
    const doc = {
      paths: {
        '/x': { get: { parameters: [{ name: 'n', in: 'query', schema: { type: ['integer', 'null'] } }] } },
      },
    };
    expect(withoutNullParameters(doc).paths['/x'].get.parameters[0]!.schema.type).toBe('integer');
    expect(doc.paths['/x'].get.parameters[0]!.schema.type).toEqual(['integer', 'null']);
  });
});
