import { z } from 'zod';
import {
  AUTOMATION_RULES,
  automationRulesSchema,
  type AutomationDecision,
  type AutomationSettings,
} from '../../domain/automation';
import type { AutomationRepository } from '../../ports/automation-repository.port';
import { date, ms, type SqliteDatabase } from './database';

const settingsRow = z
  .object({ rules: z.string(), updatedAt: z.number().int().nullable(), updatedBy: z.string().nullable() })
  .transform((r): AutomationSettings => ({
    ...automationRulesSchema.parse(JSON.parse(r.rules)),
    updatedAt: r.updatedAt === null ? null : date(r.updatedAt),
    updatedBy: r.updatedBy,
  }));

const decisionRow = z
  .object({
    key: z.string(),
    rule: z.enum(AUTOMATION_RULES),
    imageId: z.string(),
    version: z.number().int(),
    paletteIds: z.string(),
    decidedAt: z.number().int(),
    doneAt: z.number().int().nullable(),
  })
  .transform((r) => ({
    decision: {
      key: r.key,
      rule: r.rule,
      imageId: r.imageId,
      version: r.version,
      paletteIds: z.array(z.string()).parse(JSON.parse(r.paletteIds)),
      decidedAt: date(r.decidedAt),
    } satisfies AutomationDecision,
    done: r.doneAt !== null,
  }));

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
    const row = this.q.settings.get();
    return row === undefined ? null : settingsRow.parse(row);
  }

  async putSettings(settings: AutomationSettings): Promise<void> {
    const { autoGenerate, looks } = settings;
    this.q.putSettings.run({
      rules: JSON.stringify({ autoGenerate, looks }),
      updatedAt: settings.updatedAt === null ? null : ms(settings.updatedAt),
      updatedBy: settings.updatedBy,
    });
  }

  async decide(decision: AutomationDecision) {
    const { changes } = this.q.insertDecision.run({
      ...decision,
      paletteIds: JSON.stringify(decision.paletteIds),
      decidedAt: ms(decision.decidedAt),
    });
    return { ...decisionRow.parse(this.q.decision.get(decision.key)), first: changes === 1 };
  }

  async markDone(key: string, at: Date): Promise<void> {
    this.q.markDone.run(ms(at), key);
  }
}
