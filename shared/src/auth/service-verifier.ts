import type { Request } from 'express';
import type { Caller } from '../domain/permissions';
import { errors } from '../errors/errors';
import { bearerToken } from './bearer';
import type { JwtVerifier } from './jwt-verifier';

/**
 * Checks a service-to-service call: a Google-shaped ID token (issuer, audience = this service's URL) whose
 * verified `email` is one of the allowed service accounts.
 */
export class ServiceCallerVerifier {
  constructor(
    private readonly verifier: JwtVerifier,
    private readonly allowedEmails: ReadonlySet<string>,
  ) {}

  async verify(req: Request): Promise<Extract<Caller, { kind: 'service' }>> {
    const token = bearerToken(req);
    if (!token) throw errors.unauthenticated('A service identity token is required.');
    const payload = await this.verifier.verify(token);
    const email = typeof payload.email === 'string' ? payload.email : null;
    if (!email || payload.email_verified === false || !this.allowedEmails.has(email)) {
      throw errors.forbidden('This service account may not call this service.');
    }
    return { kind: 'service', email };
  }
}
