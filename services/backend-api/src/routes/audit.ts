import type { Response } from 'express';
import { newAuditId } from '@photo/shared/domain/ids';
import type { Caller } from '@photo/shared/domain/permissions';
import { requestContext } from '@photo/shared/http/request-context';
import type { AuditAction, AuditEntry, AuditLog } from '@photo/shared/ports/audit-log.port';
import type { Clock } from '@photo/shared/ports/common';

/** Records, after it succeeded, what the authenticated caller of this request did. */
export type RecordAction = (
  res: Response,
  action: AuditAction,
  target: string | null,
  details?: AuditEntry['details'],
) => Promise<void>;

/** Who a caller is, in the audit log and in the per-caller rate limits' counters. */
export const actorOf = (caller: Caller | null): string => {
  if (caller?.kind === 'user') return `user:${caller.subject}`;
  if (caller?.kind === 'participant') return `participant:${caller.visitorId}`;
  if (caller?.kind === 'service') return `service:${caller.email}`;
  return 'anonymous';
};

/** The audit log as the routes write it: who from the request's caller, the request id, the clock's time. */
export function actionRecorder(deps: { audit: AuditLog; clock: Clock }): RecordAction {
  return async (res, action, target, details = {}) => {
    const ctx = requestContext(res);
    await deps.audit.append({
      auditId: newAuditId(),
      at: deps.clock.now(),
      actor: actorOf(ctx.caller),
      action,
      target,
      requestId: ctx.requestId,
      details,
    });
  };
}
