import { done, skipped } from '../bus/event-handler';
import { automationKey, type AutomationDecision } from '../domain/automation';
import type { AutomationRepository } from '../ports/automation-repository.port';
import type { Clock } from '../ports/common';
import type { HandlerOutcome } from '../ports/event-bus.port';
import type { ImageStatus } from '../domain/image';
import type { ImageRepository } from '../ports/image-repository.port';

export interface AutomationRuleDeps {
  automation: AutomationRepository;
  images: ImageRepository;
  clock: Clock;
}

type StatusNote = { status: ImageStatus; reason: string };

export interface RuleAction {
  /** The status history entry that says what the rule did (once per version, whatever the redeliveries). */
  note: (current: { status: ImageStatus }, decision: AutomationDecision) => StatusNote;
  /** True when the result is already there (nothing to request). */
  alreadyMade: (decision: AutomationDecision) => Promise<boolean>;
  /** Publishes the request the decision names. */
  request: (decision: AutomationDecision) => Promise<unknown>;
}

/**
 * Runs a rule's decision for one clustered image version, once. The decision (its palettes) is recorded first under
 * the version's key, so a redelivery follows it even if the newest palettes changed since; then the image's status
 * history says what the rule did (unless it already does), the request is published, and the decision is marked
 * done: a later redelivery finds it done and makes nothing. A crash before the mark publishes the request again,
 * which its worker answers from the result it already made (deterministic ids).
 */
export async function runDecision(
  deps: AutomationRuleDeps,
  proposed: Pick<AutomationDecision, 'rule' | 'imageId' | 'version' | 'paletteIds'>,
  action: RuleAction,
): Promise<HandlerOutcome> {
  const { decision, done: finished } = await deps.automation.decide({
    key: automationKey(proposed.rule, proposed.imageId, proposed.version),
    ...proposed,
    decidedAt: deps.clock.now(),
  });
  if (finished) return skipped(`${decision.rule} already requested for v${decision.version}`);
  const image = await deps.images.get(decision.imageId);
  if (!image) return { status: 'rejected', reason: `image ${decision.imageId} does not exist` };
  if (image.currentVersion !== decision.version) return skipped(`version ${decision.version} was superseded`);
  if (await action.alreadyMade(decision)) {
    await deps.automation.markDone(decision.key, deps.clock.now());
    return skipped(`${decision.rule} already made for v${decision.version}`);
  }
  const note = action.note(image, decision);
  const history = await deps.images.statusHistory(decision.imageId);
  if (!history.some((h) => h.version === decision.version && h.reason === note.reason)) {
    await deps.images.setStatus({
      imageId: decision.imageId,
      version: decision.version,
      ...note,
      at: deps.clock.now(),
    });
  }
  await action.request(decision);
  await deps.automation.markDone(decision.key, deps.clock.now());
  return done();
}
