import type { Router } from 'express';
import { z } from 'zod';
import {
  automationRulesSchema,
  LOOK_SOURCES,
  MAX_LOOK_PALETTES,
  type AutomationSettings,
} from '@photo/shared/domain/automation';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { errors } from '@photo/shared/errors/errors';
import { newestEventPalettes } from '@photo/shared/pipeline/event-palettes';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { PaletteRepository } from '@photo/shared/ports/palette-repository.port';
import type { Authenticator } from '../auth/authenticator';
import { paletteView } from '../http/response-schemas';
import { backendRouter, defineRoute, noCache } from '../http/route';
import {
  readAutomation,
  updateAutomation,
  type AutomationSettingsDeps,
} from '../use-cases/automation-settings';
import type { RecordAction } from './audit';
import { toPaletteView } from './images.routes';

const automationView = z
  .object({
    autoGenerate: z
      .boolean()
      .meta({ description: 'Each clustered event image is generated from its own palette.' }),
    looks: z.object({
      source: z.enum(LOOK_SOURCES).meta({
        description:
          'Where the looks of each clustered participant photo take their palettes from: none (`off`), the newest event palettes, or the pinned ones.',
      }),
      newest: z.number().int().min(1).max(MAX_LOOK_PALETTES),
      pinnedPaletteIds: z.array(z.string()).max(MAX_LOOK_PALETTES),
    }),
    updatedAt: z.iso.datetime().nullable().meta({ description: 'Null until an operator saves them.' }),
    updatedBy: z.string().nullable().meta({ description: '`user:{token subject}` of who saved them last.' }),
  })
  .meta({ id: 'AutomationSettings' });

const paletteListView = z.object({ items: z.array(paletteView) }).meta({ id: 'PaletteList' });
const paletteListQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(24) }).strict();

const getAutomation = defineRoute({
  method: 'get',
  path: '/admin/automation',
  operationId: 'getAutomation',
  tags: ['Images'],
  summary: "The event's automation of the colour chain",
  description: `Whether each clustered event image is generated automatically, and where the automatic look of each
clustered participant photo takes its palettes from. Everything is off until an operator saves the settings.`,
  access: { permission: PERMISSIONS.imagesWrite },
  responses: { 200: { description: 'The settings.', body: automationView } },
});

const putAutomation = defineRoute({
  method: 'put',
  path: '/admin/automation',
  operationId: 'putAutomation',
  tags: ['Images'],
  summary: "Replace the event's automation of the colour chain",
  description: `The workers apply the settings to every image clustered from now on, once per image version: a
generation of each event image (status \`generating\`, reason "automatic generation"), a look of each participant
photo from the newest \`newest\` event palettes or from the pinned ones (noted in the photo's status history). Recorded in
the audit log as \`automation.updated\`.`,
  access: { permission: PERMISSIONS.imagesWrite },
  request: { body: automationRulesSchema.meta({ id: 'AutomationRules' }) },
  responses: { 200: { description: 'The settings as saved.', body: automationView } },
  errors: [[errors.paletteNotFound, 'A pinned palette does not exist.']],
});

const listPalettes = defineRoute({
  method: 'get',
  path: '/palettes',
  operationId: 'listPalettes',
  tags: ['Images'],
  summary: 'The palettes of the newest event images',
  description: `Newest event image first, each palette once: the palettes automatic looks take with \`newest\`, and
what operators pin palettes and make looks from.`,
  access: { permission: PERMISSIONS.imagesRead },
  request: { query: paletteListQuery },
  responses: { 200: { description: 'The palettes.', body: paletteListView } },
});

export const automationContracts = [getAutomation, putAutomation, listPalettes];

const toAutomationView = (s: AutomationSettings): z.infer<typeof automationView> => ({
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
  return backendRouter(deps, (route) => {
    route(getAutomation, async () => ({
      status: 200,
      body: toAutomationView(await readAutomation(deps)),
      headers: noCache,
    }));

    route(putAutomation, async ({ body, caller, res }) => {
      const saved = await updateAutomation(deps, body, `user:${caller.subject}`);
      await deps.record(res, 'automation.updated', null, {
        autoGenerate: saved.autoGenerate,
        looks: saved.looks.source,
        newest: saved.looks.newest,
        pinned: saved.looks.pinnedPaletteIds.length,
      });
      return { status: 200, body: toAutomationView(saved) };
    });

    route(listPalettes, async ({ query }) => {
      const palettes = await newestEventPalettes(deps, query.limit);
      return { status: 200, body: { items: palettes.map(toPaletteView) }, headers: noCache };
    });
  });
}
