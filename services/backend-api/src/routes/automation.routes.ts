import { Router } from 'express';
import { automationRulesSchema, type AutomationSettings } from '@photo/shared/domain/automation';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { jsonBody, parse } from '@photo/shared/http/validate';
import { newestEventPalettes } from '@photo/shared/pipeline/event-palettes';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { PaletteRepository } from '@photo/shared/ports/palette-repository.port';
import type { Authenticator } from '../auth/authenticator';
import type { AutomationView } from '../http/openapi-automation-paths';
import {
  readAutomation,
  updateAutomation,
  type AutomationSettingsDeps,
} from '../use-cases/automation-settings';
import type { RecordAction } from './audit';
import { paletteListQuery } from './automation-schemas';
import { toPaletteView } from './images.routes';

const toAutomationView = (s: AutomationSettings): AutomationView => ({
  autoGenerate: s.autoGenerate,
  looks: s.looks,
  updatedAt: s.updatedAt?.toISOString() ?? null,
  updatedBy: s.updatedBy,
});

/** Operators: the event's automation of the colour chain, and the event palettes to choose from. */
export function automationRoutes(
  deps: AutomationSettingsDeps & {
    auth: Authenticator;
    images: ImageRepository;
    palettes: PaletteRepository;
    record: RecordAction;
  },
): Router {
  const router = Router();
  const { auth } = deps;

  router.get('/admin/automation', async (req, res) => {
    await auth.user(req, res, PERMISSIONS.imagesWrite);
    res.set('Cache-Control', 'private, no-cache').json(toAutomationView(await readAutomation(deps)));
  });

  router.put('/admin/automation', async (req, res) => {
    const operator = await auth.user(req, res, PERMISSIONS.imagesWrite);
    const rules = jsonBody(req, automationRulesSchema);
    const saved = await updateAutomation(deps, rules, `user:${operator.subject}`);
    await deps.record(res, 'automation.updated', null, {
      autoGenerate: saved.autoGenerate,
      looks: saved.looks.source,
      newest: saved.looks.newest,
      pinned: saved.looks.pinnedPaletteIds.length,
    });
    res.json(toAutomationView(saved));
  });

  router.get('/palettes', async (req, res) => {
    await auth.user(req, res, PERMISSIONS.imagesRead);
    const { limit } = parse(paletteListQuery, req.query);
    const palettes = await newestEventPalettes(deps, limit);
    res.set('Cache-Control', 'private, no-cache').json({ items: palettes.map(toPaletteView) });
  });

  return router;
}
