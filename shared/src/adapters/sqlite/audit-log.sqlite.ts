import type { AuditEntry, AuditLog } from '../../ports/audit-log.port';
import type { Page, PageRequest } from '../../ports/common';
import { auditEntryRecord } from '../records/operations';
import { ms, type SqliteDatabase } from './database';
import { decodeCursor, toPage } from '../records/keyset-page';
import { columns, insertInto, row } from './rows';

/** The audit log in the embedded store: inserts only. */
export class SqliteAuditLog implements AuditLog {
  private readonly q;

  constructor(db: SqliteDatabase) {
    const select = `SELECT ${columns(auditEntryRecord)} FROM audit_log`;
    const newestFirst = 'ORDER BY at DESC, audit_id DESC LIMIT ?';
    this.q = {
      insert: db.prepare(insertInto('audit_log', auditEntryRecord)),
      first: db.prepare(`${select} ${newestFirst}`),
      after: db.prepare(`${select} WHERE (at, audit_id) < (?, ?) ${newestFirst}`),
    };
  }

  async append(e: AuditEntry): Promise<void> {
    this.q.insert.run(row(e));
  }

  async list(page: PageRequest): Promise<Page<AuditEntry>> {
    const after = decodeCursor(page.after);
    const rows = after
      ? this.q.after.all(after.at, after.id, page.limit + 1)
      : this.q.first.all(page.limit + 1);
    return toPage(
      rows.map((r) => auditEntryRecord.parse(r)),
      page.limit,
      (e) => ({ at: ms(e.at), id: e.auditId }),
    );
  }
}
