import { eventHandler, skipped } from '@photo/shared/bus/event-handler';
import {
  DEFAULT_AUTOMATION,
  type AutomationDecision,
  type AutomationSettings,
} from '@photo/shared/domain/automation';
import { imageClustered, processingRequested } from '@photo/shared/events/catalog';
import { publishEvent } from '@photo/shared/events/define-event';
import { runDecision, type AutomationRuleDeps } from '@photo/shared/pipeline/automation-rule';
import { newestEventPalettes } from '@photo/shared/pipeline/event-palettes';
import { lookImageId } from '@photo/shared/pipeline/look';
import type { EventPublisher } from '@photo/shared/ports/event-bus.port';
import type { PaletteRepository } from '@photo/shared/ports/palette-repository.port';

export interface AutoLooksDeps extends AutomationRuleDeps {
  palettes: PaletteRepository;
  publisher: EventPublisher;
}

/** The status history's note on a participant photo the automation made a look from. */
export const autoLookReason = (lookId: string, palettes: number): string =>
  `automatic look ${lookId} from ${palettes} palette${palettes === 1 ? '' : 's'}`;

/**
 * Automation: a participant photo, once clustered, gets a look from the newest N event palettes or from the pinned
 * ones, as the event says. The palettes are decided once per photo version (a redelivery after a newer event palette
 * arrived still asks for the same look), and one processing.requested is published for it.
 */
export function autoLooksHandler(deps: AutoLooksDeps) {
  return eventHandler(imageClustered, async (event) => {
    const visitorId = event.ownerVisitorId;
    if (event.kind !== 'participant-photo' || visitorId === null)
      return skipped(`a ${event.kind} gets no automatic look`);
    const settings = (await deps.automation.getSettings()) ?? DEFAULT_AUTOMATION;
    if (settings.looks.source === 'off') return skipped('automatic looks are off');
    const paletteIds = await choosePalettes(deps, settings.looks);
    if (paletteIds.length === 0) return skipped('no event palette to make a look from yet');
    return runDecision(
      deps,
      { rule: 'looks', imageId: event.imageId, version: event.version, paletteIds },
      {
        note: (current, decision) => ({
          status: current.status,
          reason: autoLookReason(lookOf(decision, visitorId), decision.paletteIds.length),
        }),
        alreadyMade: async (decision) =>
          (await deps.images.get(lookOf(decision, visitorId)))?.currentVersion === 1,
        request: (decision) =>
          publishEvent(
            deps.publisher,
            processingRequested,
            {
              imageId: decision.imageId,
              version: decision.version,
              paletteIds: decision.paletteIds,
              visitorId,
            },
            'processing-worker',
          ),
      },
    );
  });
}

const lookOf = (d: AutomationDecision, visitorId: string) =>
  lookImageId(d.imageId, d.version, d.paletteIds, visitorId);

async function choosePalettes(deps: AutoLooksDeps, looks: AutomationSettings['looks']): Promise<string[]> {
  if (looks.source === 'newest')
    return (await newestEventPalettes(deps, looks.newest)).map((p) => p.paletteId);
  const pinned = await Promise.all(looks.pinnedPaletteIds.map((id) => deps.palettes.get(id)));
  return pinned.flatMap((p) => (p ? [p.paletteId] : []));
}
