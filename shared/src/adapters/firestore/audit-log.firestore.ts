import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import type { AuditEntry, AuditLog } from '../../ports/audit-log.port';
import type { Page, PageRequest } from '../../ports/common';
import { auditEntryRecord } from '../records/operations';
import { collectionName, type FirestoreAdapterOptions } from './documents';
import { newestFirstPage } from './pagination';

/** auditLog/{auditId}: one entry, created once (create() refuses an existing id) and never updated. */
export class FirestoreAuditLog implements AuditLog {
  private readonly entries: CollectionReference;

  constructor(db: Firestore, options?: FirestoreAdapterOptions) {
    this.entries = db.collection(collectionName(options, 'auditLog'));
  }

  async append(e: AuditEntry): Promise<void> {
    await this.entries.doc(e.auditId).create(e);
  }

  async list(page: PageRequest): Promise<Page<AuditEntry>> {
    return newestFirstPage(this.entries, 'at', page, (data) => auditEntryRecord.parse(data));
  }
}
