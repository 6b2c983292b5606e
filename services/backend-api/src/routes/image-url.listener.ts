import type { IncomingMessage } from 'node:http';
import { imageIdSchema } from '@photo/shared/domain/ids';
import { errors } from '@photo/shared/errors/errors';
import type { FirstListener } from '@photo/shared/http/answered-first';
import { plainContext, type PlainContextOptions } from '@photo/shared/http/plain-context';
import { countCall, rateLimitHeaders } from '@photo/shared/http/rate-limit';
import { parse } from '@photo/shared/http/validate';
import type { ImageRepository } from '@photo/shared/ports/image-repository.port';
import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';
import { sha256Hex } from '@photo/shared/security/hashing';
import { PARTICIPANT_TOKEN_PREFIX } from '../use-cases/participants';
import { requestImageUrl } from '../use-cases/image-url';
import type { Limits } from '../rate-limits';
import { urlRequest } from './schemas';

const PLAIN_ISSUE = /^\/images\/([A-Za-z0-9_-]{1,64})\/url$/;
const PARTICIPANT_BEARER = new RegExp(`^Bearer (${PARTICIPANT_TOKEN_PREFIX}[A-Za-z0-9._~+/=-]{1,8000})$`);
/** The JSON bodies taken here: small, and in the one spelling of the type the apps send. */
const MAX_BODY_BYTES = 1024;
const JSON_TYPE = /^application\/json(?:;\s*charset=utf-8)?$/i;

export interface ImageUrlListenerDeps {
  participants: ParticipantRepository;
  images: ImageRepository;
  imageServer: ImageServerClient;
  limits: Limits;
}

/**
 * `POST /images/{imageId}/url` from a participant, in plain node:http before the Express stack: every image a phone
 * shows costs one. It answers what the route in `images.routes.ts` answers, in the same order (caller, limit, id,
 * body, the use case): the same use case, rate limit, headers and errors. Before anything is counted or read, a
 * request it does not take is left to Express: another caller (operators' and staff's JWTs), a token that finds no
 * participant (the route says why), a query, a body that is not small `application/json`.
 */
export function imageUrlListener(deps: ImageUrlListenerDeps, options: PlainContextOptions): FirstListener {
  const context = { ...options, origins: new Set(options.appOrigins) };
  return (req, res, pass) => {
    if (req.method !== 'POST') return false;
    const path = PLAIN_ISSUE.exec(req.url ?? '');
    const bearer = PARTICIPANT_BEARER.exec(req.headers.authorization ?? '');
    if (!path || !bearer || !plainBody(req)) return false;
    void (async () => {
      // Nothing has been read or counted yet: a token that finds nobody goes to the route, which explains why.
      const participant = await deps.participants.findByTokenHash(sha256Hex(bearer[1]!));
      if (!participant) return pass();
      const ctx = plainContext(req, res, context);
      try {
        const body = await readBody(req);
        const rule = deps.limits.rules.imageUrls;
        const counted = await countCall(deps.limits, rule, `participant:${participant.visitorId}`);
        if (counted)
          for (const [name, value] of Object.entries(rateLimitHeaders(rule, counted)))
            res.setHeader(name, value);
        if (counted && !counted.allowed) throw errors.rateLimited(counted.resetSeconds);
        const imageId = parse(imageIdSchema, path[1]);
        const request = body === null ? {} : parse(urlRequest, json(body));
        const caller = { kind: 'participant' as const, visitorId: participant.visitorId };
        const link = await requestImageUrl(deps, caller, imageId, request.variant ?? null);
        const answer = JSON.stringify(link);
        res
          .writeHead(201, {
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Length': String(Buffer.byteLength(answer)),
            'Cache-Control': 'no-store',
          })
          .end(answer);
      } catch (err) {
        ctx.fail(err);
      }
    })().catch(() => {
      if (!res.headersSent) pass();
    });
    return true;
  };
}

/** No body at all, or a small one declared as JSON with its length: what the apps send. */
function plainBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return false;
  const length = req.headers['content-length'];
  const type = req.headers['content-type'];
  if (length === undefined || length === '0') return type === undefined;
  const bytes = Number(length);
  return /^[0-9]+$/.test(length) && bytes <= MAX_BODY_BYTES && type !== undefined && JSON_TYPE.test(type);
}

/**
 * The body's bytes as UTF-8 text, or null when none was sent. Events rather than `for await`: the body is one small
 * chunk, and an async iterator per request cost more than the rest of reading it.
 */
function readBody(req: IncomingMessage): Promise<string | null> {
  if ((req.headers['content-length'] ?? '0') === '0') return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('the request was cut off before its body ended'));
    });
  });
}

/** As the JSON parser of the Express apps reads it (strict: an object or an array), or MALFORMED_JSON. */
function json(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') throw errors.malformedJson();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw errors.malformedJson();
  }
}
