import type { Request, Response } from 'express';
import type { Caller } from '@photo/shared/domain/permissions';
import { bearerToken } from '@photo/shared/auth/bearer';
import type { JwtVerifier } from '@photo/shared/auth/jwt-verifier';
import { errors } from '@photo/shared/errors/errors';
import { requestContext } from '@photo/shared/http/request-context';
import type { ParticipantRepository } from '@photo/shared/ports/participant-repository.port';
import { sha256Hex } from '@photo/shared/security/hashing';
import { PARTICIPANT_TOKEN_PREFIX } from '../use-cases/participants';

type User = Extract<Caller, { kind: 'user' }>;
type ParticipantCaller = Extract<Caller, { kind: 'participant' }>;

/**
 * Who is calling: a participant (opaque `pt_` token, looked up by its hash) or an operator / staff member
 * (an Auth0 access token whose `permissions` claim lists what they may do).
 */
export class Authenticator {
  constructor(
    private readonly users: JwtVerifier,
    private readonly participants: ParticipantRepository,
  ) {}

  async caller(req: Request, res: Response): Promise<Caller> {
    const ctx = requestContext(res);
    if (ctx.caller) return ctx.caller;
    const token = bearerToken(req);
    if (!token) throw errors.unauthenticated('This requires an Authorization: Bearer token.');
    if (token.startsWith(PARTICIPANT_TOKEN_PREFIX)) {
      const hash = sha256Hex(token);
      const participant = await this.participants.findByTokenHash(hash);
      if (!participant) throw await this.refusal(hash);
      ctx.caller = { kind: 'participant', visitorId: participant.visitorId };
    } else {
      const payload = await this.users.verify(token);
      const permissions = Array.isArray(payload.permissions)
        ? payload.permissions.filter((p): p is string => typeof p === 'string')
        : [];
      ctx.caller = { kind: 'user', subject: payload.sub!, permissions: new Set(permissions) };
    }
    return ctx.caller;
  }

  /** Why a participant token that finds nobody is refused: replaced, withdrawn, or never valid. */
  private async refusal(tokenHash: string) {
    const retired = await this.participants.findRetiredToken(tokenHash);
    if (retired?.reason === 'rotated') return errors.participantTokenRotated();
    if (retired?.reason === 'revoked') return errors.participantTokenRevoked();
    return errors.unauthenticated('The participant token is not valid.');
  }

  async user(req: Request, res: Response, permission: string): Promise<User> {
    const caller = await this.caller(req, res);
    if (caller.kind !== 'user') throw errors.forbidden('This is for operators and staff.');
    if (!caller.permissions.has(permission))
      throw errors.forbidden(`This requires the ${permission} permission.`);
    return caller;
  }

  async participant(req: Request, res: Response): Promise<ParticipantCaller> {
    const caller = await this.caller(req, res);
    if (caller.kind !== 'participant') throw errors.forbidden('This is for participants.');
    return caller;
  }
}
