import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newAuditId } from '../../domain/ids';
import type { AuditEntry, AuditLog } from '../audit-log.port';

const T0 = Date.parse('2026-04-01T09:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

export function newAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    auditId: newAuditId(),
    at: at(0),
    actor: 'user:auth0|operator',
    action: 'participants.imported',
    target: null,
    requestId: 'req1',
    details: { created: 3, existing: 1 },
    ...overrides,
  };
}

/** The contract every AuditLog meets, embedded or cloud. Each setup starts an empty log. */
export function auditLogContract(
  name: string,
  setup: () => Promise<{ log: AuditLog; teardown: () => Promise<void> }>,
) {
  describe(`AuditLog contract: ${name}`, () => {
    let log: AuditLog;
    let teardown: () => Promise<void>;
    beforeEach(async () => ({ log, teardown } = await setup()));
    afterEach(() => teardown());

    it('when entries are appended, then they are listed newest first with every field as written', async () => {
      const first = newAuditEntry({ at: at(1) });
      const second = newAuditEntry({
        at: at(2),
        actor: 'participant:v_abc',
        action: 'participant-token.rotated',
        target: 'v_abc',
        requestId: null,
        details: {},
      });
      await log.append(first);
      await log.append(second);
      expect(await log.list({ limit: 10 })).toEqual({ items: [second, first], next: null });
    });

    it('when entries span pages, then paging returns each once, in order, including entries with the same time', async () => {
      const entries = [1, 2, 2, 2, 3].map((s) => newAuditEntry({ at: at(s) }));
      for (const e of entries) await log.append(e);
      const seen: AuditEntry[] = [];
      let after: string | null = null;
      do {
        const page = await log.list({ limit: 2, after });
        seen.push(...page.items);
        after = page.next;
      } while (after !== null);
      expect(seen.map((e) => e.auditId).sort()).toEqual(entries.map((e) => e.auditId).sort());
      expect(seen.map((e) => e.at.getTime())).toEqual(
        [...seen.map((e) => e.at.getTime())].sort((a, b) => b - a),
      );
    });

    it('when an entry id is appended twice, then the first stays as it was (append-only)', async () => {
      const entry = newAuditEntry({ at: at(5) });
      await log.append(entry);
      await expect(log.append({ ...entry, actor: 'user:someone-else' })).rejects.toThrow();
      expect((await log.list({ limit: 10 })).items).toEqual([entry]);
    });

    it('when the cursor is not one of ours, then REQUEST.INVALID_CURSOR', async () => {
      await expect(log.list({ limit: 2, after: 'nope' })).rejects.toMatchObject({
        code: 'REQUEST.INVALID_CURSOR',
      });
    });
  });
}
