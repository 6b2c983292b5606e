import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { errors } from '@photo/shared/errors/errors';
import { generationView, lookView } from '../http/response-schemas';
import { defineRoute, type Route } from '../http/route';
import { requestGeneration } from '../use-cases/request-generation';
import { requestLook, type RequestLookDeps } from '../use-cases/request-look';
import type { RecordAction } from './audit';
import { generationRequest, imageParams, lookRequest, visitorParams } from './schemas';

const writer = { permission: PERMISSIONS.imagesWrite };

const requestGenerationRoute = defineRoute({
  method: 'post',
  path: '/images/{imageId}/generation',
  operationId: 'requestGeneration',
  tags: ['Images'],
  summary: "Ask for a generated artwork of the image's current version",
  description:
    "Uses the image's own palette unless one is named; the image shows `generating` once the generation worker takes the request up. The body is optional.",
  access: writer,
  request: { params: imageParams, body: generationRequest, optionalBody: true },
  responses: { 202: { description: 'Requested.', body: generationView } },
  errors: [
    errors.imageNotFound,
    [errors.paletteNotFound, 'The named palette does not exist, or the image is not clustered yet.'],
    [errors.dependencyFailed, 'The image server failed or did not answer.'],
  ],
});

const requestLookRoute = defineRoute({
  method: 'post',
  path: '/participants/{visitorId}/looks',
  operationId: 'requestLook',
  tags: ['Images'],
  summary: "Recolour the participant's current photo onto chosen palettes, for them",
  description:
    "Answers the look's image id at once (it derives from the request, so asking twice makes one look); the look appears on the participant's update feed when it is ready.",
  access: writer,
  request: { params: visitorParams, body: lookRequest },
  responses: { 202: { description: 'Requested.', body: lookView } },
  errors: [errors.participantNotFound, errors.imageNotReady, errors.paletteNotFound],
});

export const lookContracts = [requestGenerationRoute, requestLookRoute];

/** Operators ask for the colour pipeline's artwork: a generation of an image, a look of a participant's photo. */
export function mountLooks(route: Route, deps: RequestLookDeps & { record: RecordAction }): void {
  route(requestGenerationRoute, async ({ params: { imageId }, body, res }) => {
    const requested = await requestGeneration(deps, imageId, body.paletteId ?? null);
    await deps.record(res, 'generation.requested', imageId, { paletteId: body.paletteId ?? null });
    return { status: 202, body: requested };
  });

  route(requestLookRoute, async ({ params: { visitorId }, body, res }) => {
    const requested = await requestLook(deps, visitorId, body.paletteIds);
    await deps.record(res, 'look.requested', visitorId, { palettes: body.paletteIds.length });
    return { status: 202, body: requested };
  });
}
