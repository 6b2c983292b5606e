import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { Router } from 'express';
import { z } from 'zod';
import { errors } from '@photo/shared/errors/errors';
import { ACCEPTED_IMAGE_TYPES } from '@photo/shared/ports/image-inspector.port';
import { defineRoute, imageServerRouteMounter } from '../http/route';
import { redeemLink, type Redeemed, type RedeemLinkDeps } from '../use-cases/redeem-link';

/**
 * Chat apps fetch a pasted link to draw a preview, and that fetch would use the link up before the person it
 * was sent to opens it. These crawlers get 403 and the token stays unused.
 */
const LINK_PREVIEW_BOTS =
  /(Slackbot|facebookexternalhit|Facebot|Twitterbot|WhatsApp|TelegramBot|Discordbot|LinkedInBot|SkypeUriPreview|Applebot|redditbot|Pinterest|vkShare|Embedly|Iframely|Google-PageRenderer|bingbot|Googlebot|LINE\/|Line(Bot)?\/|KakaoTalk-Scrap|Viber|Snapchat|Mastodon|Bluesky|Signal)/i;

/** Throws TOKEN.PREVIEW_REFUSED for a link preview crawler, before the token is looked at. */
export function refusePreviewBots(userAgent: string | undefined): void {
  if (LINK_PREVIEW_BOTS.test(userAgent ?? '')) throw errors.tokenPreviewRefused();
}

const imageHeadersDoc = {
  'Content-Length': { description: 'The size of the stored variant.', schema: { type: 'integer' } },
  ETag: { description: 'The hex SHA-256 of the bytes, quoted.', schema: { type: 'string' } },
  'Cache-Control': {
    description: '`private, no-store`: a single-use answer is never cached.',
    schema: { type: 'string' },
  },
  'Accept-Ranges': { description: '`none`: a Range header is ignored.', schema: { type: 'string' } },
  'X-Content-Type-Options': { schema: { type: 'string' } },
  'Referrer-Policy': { schema: { type: 'string' } },
} as const;

const redeemLinkRoute = defineRoute({
  method: 'get',
  path: '/i/{token}',
  operationId: 'redeemLink',
  tags: ['One-time links'],
  summary: 'The image behind a one-time URL, once',
  description: `The token is bound to one version and variant of an image. GET uses it up atomically: of any number
of concurrent requests exactly one gets the image, the others 410. A \`Range\` header is ignored (a partial answer would
strand the client with a spent token): the answer is always the whole image with \`Accept-Ranges: none\`.
Link-preview crawlers get 403 and the token stays unused.`,
  access: 'public',
  opaqueParams: true,
  request: {
    params: z.object({
      token: z
        .string()
        .meta({ description: 'The 256-bit token of a one-time URL; only its SHA-256 is stored.' }),
    }),
  },
  responses: {
    200: {
      description: 'The image, streamed from storage; the token is now used.',
      headers: imageHeadersDoc,
      content: Object.fromEntries(
        ACCEPTED_IMAGE_TYPES.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }]),
      ),
    },
  },
  errors: [
    [
      errors.tokenPreviewRefused,
      'A link-preview crawler (Slackbot, WhatsApp, LINE, Twitterbot, …, by User-Agent): the token stays unused.',
    ],
    [errors.tokenUnknown, 'No such link (anything but 43 base64url characters is unknown without a lookup).'],
    [errors.imageNotFound, 'The linked image, variant or stored object is gone.'],
    errors.tokenUsed,
    errors.tokenExpired,
  ],
});

/** GET's request, access and errors; its answer without the body. */
const peekLinkRoute = defineRoute({
  ...redeemLinkRoute,
  method: 'head',
  operationId: 'peekLink',
  summary: 'The same status and headers as GET, without using the token',
  description: 'Lets a client check a link (or learn the size and type) before spending it.',
  responses: {
    200: {
      description: 'The link would give the image; the token is still unused.',
      headers: imageHeadersDoc,
    },
  },
});

export const oneTimeLinkContracts = [redeemLinkRoute, peekLinkRoute];

/**
 * `GET /i/:token` streams the image and uses the token up. `HEAD` answers the same status and headers without using
 * it. A request in the canonical form is answered before Express by `oneTimeLinkListener` with the same use case and
 * headers; these routes answer the rest (and document the API).
 */
export function oneTimeLinkRoutes(deps: RedeemLinkDeps): Router {
  const router = Router();
  const route = imageServerRouteMounter({});

  route(router, peekLinkRoute, async ({ params, req }) => {
    refusePreviewBots(req.get('user-agent'));
    const { served } = await redeemLink(deps, params.token, 'peek');
    return { status: 200, headers: imageHeaders(served) };
  });

  route(router, redeemLinkRoute, async ({ params, req, res }) => {
    refusePreviewBots(req.get('user-agent'));
    const { served, body } = await redeemLink(deps, params.token, 'consume');
    res.set(imageHeaders(served)).status(200);
    sendBody(res, body!, (err) => res.locals.ctx?.logger.error({ err }, 'storage stream failed'));
  });

  return router;
}

/** Sends a redeemed image after its headers: bytes held in memory in one write, else the stream from storage. */
export function sendBody(res: ServerResponse, body: Buffer | Readable, logError: (err: Error) => void): void {
  if (Buffer.isBuffer(body)) {
    res.end(body);
    return;
  }
  body.on('error', (err) => {
    logError(err);
    res.destroy(err);
  });
  res.on('close', () => body.destroy());
  body.pipe(res);
}

/** The headers of an image answer, the same for HEAD and GET. */
export function imageHeaders(served: Redeemed['served']): Record<string, string> {
  return {
    'Content-Type': served.contentType,
    'Content-Length': String(served.bytes),
    ETag: `"${served.sha256}"`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
    'Accept-Ranges': 'none',
    'Content-Disposition': 'inline',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  };
}
