import {
  DEFAULT_AUTOMATION,
  type AutomationRules,
  type AutomationSettings,
} from '@photo/shared/domain/automation';
import { errors } from '@photo/shared/errors/errors';
import type { AutomationRepository } from '@photo/shared/ports/automation-repository.port';
import type { Clock } from '@photo/shared/ports/common';
import type { PaletteRepository } from '@photo/shared/ports/palette-repository.port';

export interface AutomationSettingsDeps {
  automation: AutomationRepository;
  palettes: Pick<PaletteRepository, 'get'>;
  clock: Clock;
}

/** The event's automation settings; the defaults (everything off) until an operator saves them. */
export async function readAutomation(deps: AutomationSettingsDeps): Promise<AutomationSettings> {
  return (await deps.automation.getSettings()) ?? DEFAULT_AUTOMATION;
}

/**
 * Replaces the automation settings. Pinned palettes must exist (PALETTE.NOT_FOUND names the first that does not);
 * each is kept once, in the order given. The rules read the new settings on the next clustered image.
 */
export async function updateAutomation(
  deps: AutomationSettingsDeps,
  rules: AutomationRules,
  actor: string,
): Promise<AutomationSettings> {
  const pinned = [...new Set(rules.looks.pinnedPaletteIds)];
  for (const paletteId of pinned)
    if (!(await deps.palettes.get(paletteId))) throw errors.paletteNotFound(paletteId);
  const settings: AutomationSettings = {
    autoGenerate: rules.autoGenerate,
    looks: { ...rules.looks, pinnedPaletteIds: pinned },
    updatedAt: deps.clock.now(),
    updatedBy: actor,
  };
  await deps.automation.putSettings(settings);
  return settings;
}
