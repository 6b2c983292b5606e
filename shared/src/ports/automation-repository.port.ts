import type { AutomationDecision, AutomationSettings } from '../domain/automation';

/** The event's automation settings (one set per deployment) and what its rules decided, once per image version. */
export interface AutomationRepository {
  /** Null until an operator saves them (callers use DEFAULT_AUTOMATION). */
  getSettings(): Promise<AutomationSettings | null>;
  /** Replaces the settings. */
  putSettings(settings: AutomationSettings): Promise<void>;
  /**
   * Records a rule's decision under its key unless one is there: the first decision wins, also between two racing
   * callers, and every caller gets it back (`first` says whether this call recorded it).
   */
  decide(
    decision: AutomationDecision,
  ): Promise<{ decision: AutomationDecision; first: boolean; done: boolean }>;
  /** The decision's request was published: a redelivery of the same clustered event has nothing left to do. */
  markDone(key: string, at: Date): Promise<void>;
}
