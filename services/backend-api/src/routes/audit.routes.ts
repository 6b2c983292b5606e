import type { Router } from 'express';
import { z } from 'zod';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { errors } from '@photo/shared/errors/errors';
import { AUDIT_ACTIONS, type AuditLog } from '@photo/shared/ports/audit-log.port';
import type { Authenticator } from '../auth/authenticator';
import { backendRouter, defineRoute } from '../http/route';
import { pageQuery } from './schemas';

const auditEntryView = z
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
const auditPageView = z
  .object({ items: z.array(auditEntryView), next: z.string().nullable() })
  .meta({ id: 'AuditPage' });

const listAuditLog = defineRoute({
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
  responses: { 200: { description: 'A page.', body: auditPageView } },
  errors: [errors.invalidCursor],
});

export const auditContracts = [listAuditLog];

/** Operators read the audit log. */
export function auditRoutes(deps: { auth: Authenticator; audit: AuditLog }): Router {
  return backendRouter(deps, (route) => {
    route(listAuditLog, async ({ query }) => {
      const page = await deps.audit.list({ limit: query.limit, after: query.after ?? null });
      return {
        status: 200,
        body: { items: page.items.map((e) => ({ ...e, at: e.at.toISOString() })), next: page.next },
        headers: { 'Cache-Control': 'no-store' },
      };
    });
  });
}
