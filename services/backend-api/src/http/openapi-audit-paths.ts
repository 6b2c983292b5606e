import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { DOCUMENTED_ERRORS as E } from '@photo/shared/http/openapi';
import { AUDIT_ACTIONS } from '@photo/shared/ports/audit-log.port';
import { pageQuery } from '../routes/schemas';
import { ok, operation } from './openapi-operation';

export const auditEntryView = z
  .object({
    auditId: z.string(),
    at: z.iso.datetime(),
    actor: z.string().meta({ description: '`user:{token subject}` or `participant:{visitorId}`.' }),
    action: z.enum(AUDIT_ACTIONS),
    target: z.string().nullable().meta({ description: 'What was acted on: a visitor id, a dead-letter id.' }),
    requestId: z
      .string()
      .nullable()
      .meta({ description: 'The request that did it (its log line has the same id).' }),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .meta({ id: 'AuditEntry' });
export const auditPageView = z
  .object({ items: z.array(auditEntryView), next: z.string().nullable() })
  .meta({ id: 'AuditPage' });
export type AuditPageView = z.infer<typeof auditPageView>;

export const auditPaths: RouteConfig[] = [
  operation({
    method: 'get',
    path: '/admin/audit',
    operationId: 'listAuditLog',
    tags: ['Admin'],
    summary: 'Who did what: the audit log, newest first',
    description: `Participant imports, staff photo uploads and overwrites, dead-letter replays, and participant token
rotations and revocations, each with who did it, when and the request id. Append-only: nothing here is ever changed
or removed.`,
    access: { permission: PERMISSIONS.operatorsRead },
    request: { query: pageQuery },
    responses: { 200: ok('A page.', auditPageView) },
    errors: [E.invalidRequest, E.invalidCursor],
  }),
];
