import type { CollectionReference, DocumentReference, Firestore } from '@google-cloud/firestore';
import type { AutomationDecision, AutomationSettings } from '../../domain/automation';
import type { AutomationRepository } from '../../ports/automation-repository.port';
import { automationDecisionRecord, automationSettingsRecord } from '../records/operations';
import { parsedOrNull } from '../records/stored';
import { collectionName, createdOnce, hashedId, type FirestoreAdapterOptions } from './documents';

/**
 * eventSettings/automation: the rules and who saved them. automationDecisions/{sha256(key)}: created once (create()
 * fails if it exists), then marked done.
 */
export class FirestoreAutomationRepository implements AutomationRepository {
  private readonly settings: DocumentReference;
  private readonly decisions: CollectionReference;

  constructor(db: Firestore, options?: FirestoreAdapterOptions) {
    this.settings = db.collection(collectionName(options, 'eventSettings')).doc('automation');
    this.decisions = db.collection(collectionName(options, 'automationDecisions'));
  }

  async getSettings(): Promise<AutomationSettings | null> {
    return parsedOrNull(automationSettingsRecord, (await this.settings.get()).data());
  }

  async putSettings({ autoGenerate, looks, updatedAt, updatedBy }: AutomationSettings): Promise<void> {
    await this.settings.set({ rules: { autoGenerate, looks }, updatedAt, updatedBy });
  }

  async decide(decision: AutomationDecision) {
    const ref = this.decisions.doc(hashedId(decision.key));
    if (await createdOnce(ref, { ...decision, doneAt: null })) return { decision, first: true, done: false };
    return { ...automationDecisionRecord.parse((await ref.get()).data()), first: false };
  }

  async markDone(key: string, at: Date): Promise<void> {
    await this.decisions.doc(hashedId(key)).update({ doneAt: at });
  }
}
