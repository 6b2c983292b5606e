import type { AutomationDecision, AutomationSettings } from '../../domain/automation';
import type { AutomationRepository } from '../../ports/automation-repository.port';
import { automationDecisionRecord, automationSettingsRecord } from '../records/operations';
import { parsedOrNull } from '../records/stored';
import { ms, type SqliteDatabase } from './database';
import { row } from './rows';

export class SqliteAutomationRepository implements AutomationRepository {
  private readonly q;

  constructor(db: SqliteDatabase) {
    this.q = {
      settings: db.prepare(
        'SELECT rules, updated_at AS updatedAt, updated_by AS updatedBy FROM automation_settings WHERE id = 1',
      ),
      putSettings: db.prepare(
        `INSERT INTO automation_settings (id, rules, updated_at, updated_by) VALUES (1, @rules, @updatedAt, @updatedBy)
         ON CONFLICT (id) DO UPDATE SET rules = excluded.rules, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by`,
      ),
      insertDecision: db.prepare(
        `INSERT INTO automation_decisions (decision_key, rule, image_id, version, palette_ids, decided_at)
         VALUES (@key, @rule, @imageId, @version, @paletteIds, @decidedAt) ON CONFLICT DO NOTHING`,
      ),
      decision: db.prepare(
        `SELECT decision_key AS key, rule, image_id AS imageId, version, palette_ids AS paletteIds,
         decided_at AS decidedAt, done_at AS doneAt FROM automation_decisions WHERE decision_key = ?`,
      ),
      markDone: db.prepare(
        'UPDATE automation_decisions SET done_at = ? WHERE decision_key = ? AND done_at IS NULL',
      ),
    };
  }

  async getSettings(): Promise<AutomationSettings | null> {
    return parsedOrNull(automationSettingsRecord, this.q.settings.get());
  }

  async putSettings({ autoGenerate, looks, updatedAt, updatedBy }: AutomationSettings): Promise<void> {
    this.q.putSettings.run(row({ rules: { autoGenerate, looks }, updatedAt, updatedBy }));
  }

  async decide(decision: AutomationDecision) {
    const { changes } = this.q.insertDecision.run(row(decision));
    return { ...automationDecisionRecord.parse(this.q.decision.get(decision.key)), first: changes === 1 };
  }

  async markDone(key: string, at: Date): Promise<void> {
    this.q.markDone.run(ms(at), key);
  }
}
