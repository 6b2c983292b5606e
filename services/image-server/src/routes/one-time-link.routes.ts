import { Router } from 'express';
import { errors } from '@photo/shared/errors/errors';
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

/**
 * `GET /i/:token` streams the image and uses the token up. `HEAD` answers the same status and headers without using
 * it. A `Range` header is ignored (a partial answer would strand the client with a spent token): the answer is the
 * whole image with `Accept-Ranges: none`. A request in the canonical form is answered before Express by
 * `oneTimeLinkListener` with the same use case and headers; these routes answer the rest (and document the API).
 */
export function oneTimeLinkRoutes(deps: RedeemLinkDeps): Router {
  const router = Router();

  router.head('/i/:token', async (req, res) => {
    refusePreviewBots(req.get('user-agent'));
    const { served } = await redeemLink(deps, req.params.token!, 'peek');
    res.set(imageHeaders(served));
    res.status(200).end();
  });

  router.get('/i/:token', async (req, res) => {
    refusePreviewBots(req.get('user-agent'));
    const { served, body } = await redeemLink(deps, req.params.token!, 'consume');
    res.set(imageHeaders(served));
    res.status(200);
    body!.on('error', (err) => {
      res.locals.ctx?.logger.error({ err }, 'storage stream failed');
      res.destroy(err);
    });
    res.on('close', () => body!.destroy());
    body!.pipe(res);
  });

  return router;
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
