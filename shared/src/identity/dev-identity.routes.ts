import express, { Router } from 'express';
import { z } from 'zod';
import { errors } from '../errors/errors';
import { safeEqual } from '../security/hashing';
import { parse } from '../http/validate';
import type { DevIdentityProvider } from './dev-identity-provider';

const tokenRequest = z
  .object({
    grant_type: z.literal('client_credentials'),
    client_id: z.enum(['operator', 'staff']),
    client_secret: z.string().min(1),
    audience: z.string().min(1),
    /** Who the token is for; defaults to `dev|<role>`. */
    subject: z.string().min(1).max(200).optional(),
  })
  .strict();

/** The dev identity provider's HTTP face: OIDC discovery, JWKS, and an Auth0-like client-credentials endpoint. */
export function devIdentityRoutes(idp: DevIdentityProvider): Router {
  const router = Router();
  router.get('/.well-known/openid-configuration', (_req, res) => {
    res.json({
      issuer: idp.issuer,
      jwks_uri: `${idp.issuer}.well-known/jwks.json`,
      token_endpoint: `${idp.issuer}oauth/token`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });
  router.get('/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(idp.jwks());
  });
  router.post('/oauth/token', express.json({ limit: '8kb' }), async (req, res) => {
    if (!req.is('application/json')) throw errors.unsupportedMediaType(['application/json']);
    const body = parse(tokenRequest, req.body);
    if (!safeEqual(Buffer.from(body.client_secret), Buffer.from(idp.clientSecret))) {
      throw errors.unauthenticated('Unknown client credentials.');
    }
    const ttl = 3600;
    const token = await idp.accessToken({
      role: body.client_id,
      subject: body.subject ?? `dev|${body.client_id}`,
      audience: body.audience,
      ttlSeconds: ttl,
    });
    res.set('Cache-Control', 'no-store').json({ access_token: token, token_type: 'Bearer', expires_in: ttl });
  });
  return router;
}
