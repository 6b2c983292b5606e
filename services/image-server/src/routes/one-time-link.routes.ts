import { Router, type Response } from 'express';
import { errors } from '@photo/shared/errors/errors';
import { redeemLink, type Redeemed, type RedeemLinkDeps } from '../use-cases/redeem-link';

/**
 * Chat apps fetch a pasted link to draw a preview, and that fetch would use the link up before the person it
 * was sent to opens it. These crawlers get 403 and the token stays unused.
 */
const LINK_PREVIEW_BOTS =
  /(Slackbot|facebookexternalhit|Facebot|Twitterbot|WhatsApp|TelegramBot|Discordbot|LinkedInBot|SkypeUriPreview|Applebot|redditbot|Pinterest|vkShare|Embedly|Iframely|Google-PageRenderer|bingbot|Googlebot|LINE\/|Line(Bot)?\/|KakaoTalk-Scrap|Viber|Snapchat|Mastodon|Bluesky|Signal)/i;

/**
 * `GET /i/:token` streams the image and uses the token up. `HEAD` answers the same status and headers without using
 * it. A `Range` header is ignored (a partial answer would strand the client with a spent token): the answer is the
 * whole image with `Accept-Ranges: none`.
 */
export function oneTimeLinkRoutes(deps: RedeemLinkDeps): Router {
  const router = Router();

  router.head('/i/:token', async (req, res) => {
    if (LINK_PREVIEW_BOTS.test(req.get('user-agent') ?? '')) throw errors.tokenPreviewRefused();
    const { served } = await redeemLink(deps, req.params.token!, 'peek');
    setImageHeaders(res, served);
    res.status(200).end();
  });

  router.get('/i/:token', async (req, res) => {
    if (LINK_PREVIEW_BOTS.test(req.get('user-agent') ?? '')) throw errors.tokenPreviewRefused();
    const { served, body } = await redeemLink(deps, req.params.token!, 'consume');
    setImageHeaders(res, served);
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

function setImageHeaders(res: Response, served: Redeemed['served']): void {
  res.set({
    'Content-Type': served.contentType,
    'Content-Length': String(served.bytes),
    ETag: `"${served.sha256}"`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
    'Accept-Ranges': 'none',
    'Content-Disposition': 'inline',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
}
