import type { FirstListener } from '@photo/shared/http/answered-first';
import { plainContext, type PlainContextOptions } from '@photo/shared/http/plain-context';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';
import type { UpdateFeed } from '@photo/shared/ports/update-feed.port';
import { sha256Hex } from '@photo/shared/security/hashing';
import { PARTICIPANT_TOKEN_PREFIX } from '../use-cases/participants';
import { notModifiedEtag } from '../use-cases/poll-updates';

/** `/me/updates`, with no query or one `since` cursor (cursors are base64url): nothing to decode. */
const PLAIN_POLL = /^\/me\/updates(?:\?since=([A-Za-z0-9_-]{1,100}))?$/;
const PARTICIPANT_BEARER = new RegExp(`^Bearer (${PARTICIPANT_TOKEN_PREFIX}[A-Za-z0-9._~+/=-]{1,8000})$`);

/**
 * A phone polls `GET /me/updates` every few seconds, and nearly every poll is answered 304 (its ETag names the feed's
 * latest marker). That answer is given here in plain node:http, before the Express stack, with the same use case
 * (`notModifiedEtag`, which `pollUpdates` answers with) and headers as the route in `me.routes.ts`. Everything else is handed to Express untouched: a poll
 * with news (it reads the page), a token this cannot place, an odd query; so every error and every 200 comes from
 * the route, at the cost of the token lookup and marker read done here once more.
 */
export function updatesNotModifiedListener(
  deps: { participants: ParticipantRepository; updates: UpdateFeed },
  options: PlainContextOptions,
): FirstListener {
  const context = { ...options, origins: new Set(options.appOrigins) };
  return (req, res, pass) => {
    if (req.method !== 'GET') return false;
    const ifNoneMatch = req.headers['if-none-match'];
    const authorization = req.headers.authorization;
    if (ifNoneMatch === undefined || authorization === undefined) return false;
    const query = PLAIN_POLL.exec(req.url ?? '');
    const bearer = PARTICIPANT_BEARER.exec(authorization);
    if (!query || !bearer) return false;
    void (async () => {
      const participant = await deps.participants.findByTokenHash(sha256Hex(bearer[1]!));
      if (!participant) return pass();
      const etag = await notModifiedEtag(deps, participant.visitorId, ifNoneMatch);
      if (etag === null) return pass();
      plainContext(req, res, context);
      res.writeHead(304, { ETag: etag, 'Cache-Control': 'private, no-cache' }).end();
    })().catch(() => {
      // Nothing is written before the answer: Express redoes the work and renders whatever failed.
      if (!res.headersSent) pass();
    });
    return true;
  };
}
