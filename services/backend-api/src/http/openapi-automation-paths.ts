import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { automationRulesSchema, LOOK_SOURCES, MAX_LOOK_PALETTES } from '@photo/shared/domain/automation';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { DOCUMENTED_ERRORS as E } from '@photo/shared/http/openapi';
import { paletteListQuery } from '../routes/automation-schemas';
import { json, jsonBodyErrors, ok, operation } from './openapi-operation';
import { paletteView } from './response-schemas';

export const automationView = z
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
export type AutomationView = z.infer<typeof automationView>;

export const paletteListView = z.object({ items: z.array(paletteView) }).meta({ id: 'PaletteList' });

const automationRequest = automationRulesSchema.meta({ id: 'AutomationRules' });

export const automationPaths: RouteConfig[] = [
  operation({
    method: 'get',
    path: '/admin/automation',
    operationId: 'getAutomation',
    tags: ['Images'],
    summary: "The event's automation of the colour chain",
    description: `Whether each clustered event image is generated automatically, and where the automatic look of each
clustered participant photo takes its palettes from. Everything is off until an operator saves the settings.`,
    access: { permission: PERMISSIONS.imagesWrite },
    responses: { 200: ok('The settings.', automationView) },
    errors: [],
  }),
  operation({
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
    request: { body: { required: true, content: json(automationRequest) } },
    responses: { 200: ok('The settings as saved.', automationView) },
    errors: [...jsonBodyErrors, { ...E.paletteNotFound, description: 'A pinned palette does not exist.' }],
  }),
  operation({
    method: 'get',
    path: '/palettes',
    operationId: 'listPalettes',
    tags: ['Images'],
    summary: 'The palettes of the newest event images',
    description: `Newest event image first, each palette once: the palettes automatic looks take with \`newest\`, and
what operators pin palettes and make looks from.`,
    access: { permission: PERMISSIONS.imagesRead },
    request: { query: paletteListQuery },
    responses: { 200: ok('The palettes.', paletteListView) },
    errors: [E.invalidRequest],
  }),
];
