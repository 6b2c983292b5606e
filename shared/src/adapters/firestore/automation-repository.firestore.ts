import type { CollectionReference, DocumentReference, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import {
  AUTOMATION_RULES,
  automationRulesSchema,
  type AutomationDecision,
  type AutomationSettings,
} from '../../domain/automation';
import type { AutomationRepository } from '../../ports/automation-repository.port';
import {
  collectionName,
  hashedId,
  isAlreadyExists,
  timestamp,
  toTimestamp,
  toTimestampOrNull,
  type FirestoreAdapterOptions,
} from './documents';

/** eventSettings/automation: the rules and who saved them. */
const settingsDoc = z
  .object({ rules: z.unknown(), updatedAt: timestamp.nullable(), updatedBy: z.string().nullable() })
  .transform((d): AutomationSettings => ({
    ...automationRulesSchema.parse(d.rules),
    updatedAt: d.updatedAt,
    updatedBy: d.updatedBy,
  }));

/** automationDecisions/{sha256(key)}: created once (create() fails if it exists), then marked done. */
const decisionDoc = z
  .object({
    key: z.string(),
    rule: z.enum(AUTOMATION_RULES),
    imageId: z.string(),
    version: z.number().int(),
    paletteIds: z.array(z.string()),
    decidedAt: timestamp,
    doneAt: timestamp.nullable(),
  })
  .transform((d) => ({
    decision: {
      key: d.key,
      rule: d.rule,
      imageId: d.imageId,
      version: d.version,
      paletteIds: d.paletteIds,
      decidedAt: d.decidedAt,
    } satisfies AutomationDecision,
    done: d.doneAt !== null,
  }));

export class FirestoreAutomationRepository implements AutomationRepository {
  private readonly settings: DocumentReference;
  private readonly decisions: CollectionReference;

  constructor(db: Firestore, options?: FirestoreAdapterOptions) {
    this.settings = db.collection(collectionName(options, 'eventSettings')).doc('automation');
    this.decisions = db.collection(collectionName(options, 'automationDecisions'));
  }

  async getSettings(): Promise<AutomationSettings | null> {
    const snapshot = await this.settings.get();
    return snapshot.exists ? settingsDoc.parse(snapshot.data()) : null;
  }

  async putSettings(s: AutomationSettings): Promise<void> {
    await this.settings.set({
      rules: { autoGenerate: s.autoGenerate, looks: s.looks },
      updatedAt: toTimestampOrNull(s.updatedAt),
      updatedBy: s.updatedBy,
    });
  }

  async decide(decision: AutomationDecision) {
    const ref = this.decisions.doc(hashedId(decision.key));
    try {
      await ref.create({ ...decision, decidedAt: toTimestamp(decision.decidedAt), doneAt: null });
      return { decision, first: true, done: false };
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      return { ...decisionDoc.parse((await ref.get()).data()), first: false };
    }
  }

  async markDone(key: string, at: Date): Promise<void> {
    await this.decisions.doc(hashedId(key)).update({ doneAt: toTimestamp(at) });
  }
}
