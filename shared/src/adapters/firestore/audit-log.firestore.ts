import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditEntry, type AuditLog } from '../../ports/audit-log.port';
import type { Page, PageRequest } from '../../ports/common';
import { collectionName, timestamp, toTimestamp, type FirestoreAdapterOptions } from './documents';
import { newestFirstPage } from './pagination';

/** auditLog/{auditId}: one entry, created once (create() refuses an existing id) and never updated. */
const entryDoc: z.ZodType<AuditEntry> = z.object({
  auditId: z.string(),
  at: timestamp,
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  target: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export class FirestoreAuditLog implements AuditLog {
  private readonly entries: CollectionReference;

  constructor(db: Firestore, options?: FirestoreAdapterOptions) {
    this.entries = db.collection(collectionName(options, 'auditLog'));
  }

  async append(e: AuditEntry): Promise<void> {
    await this.entries.doc(e.auditId).create({ ...e, at: toTimestamp(e.at) });
  }

  async list(page: PageRequest): Promise<Page<AuditEntry>> {
    return newestFirstPage(this.entries, 'at', page, (data) => entryDoc.parse(data));
  }
}
