import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditEntry, type AuditLog } from '../../ports/audit-log.port';
import type { Page, PageRequest } from '../../ports/common';
import { date, ms, type SqliteDatabase } from './database';
import { decodeCursor, toPage } from './pagination';

const COLUMNS = `audit_id AS auditId, at, actor, action, target, request_id AS requestId, details`;

const detailValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const entryRow: z.ZodType<AuditEntry> = z.object({
  auditId: z.string(),
  at: z.number().int().transform(date),
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  target: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.string().transform((s) => z.record(z.string(), detailValue).parse(JSON.parse(s))),
});

/** The audit log in the embedded store: inserts only. */
export class SqliteAuditLog implements AuditLog {
  private readonly q;

  constructor(db: SqliteDatabase) {
    const newestFirst = 'ORDER BY at DESC, audit_id DESC LIMIT ?';
    this.q = {
      insert: db.prepare(
        `INSERT INTO audit_log (audit_id, at, actor, action, target, request_id, details)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      first: db.prepare(`SELECT ${COLUMNS} FROM audit_log ${newestFirst}`),
      after: db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE (at, audit_id) < (?, ?) ${newestFirst}`),
    };
  }

  async append(e: AuditEntry): Promise<void> {
    this.q.insert.run(
      e.auditId,
      ms(e.at),
      e.actor,
      e.action,
      e.target,
      e.requestId,
      JSON.stringify(e.details),
    );
  }

  async list(page: PageRequest): Promise<Page<AuditEntry>> {
    const after = decodeCursor(page.after);
    const rows = after
      ? this.q.after.all(after.at, after.id, page.limit + 1)
      : this.q.first.all(page.limit + 1);
    return toPage(
      rows.map((r) => entryRow.parse(r)),
      page.limit,
      (e) => ({ at: ms(e.at), id: e.auditId }),
    );
  }
}
