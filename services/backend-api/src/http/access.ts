import type { Request, Response } from 'express';
import { errors } from '@photo/shared/errors/errors';
import { PERMISSIONS, type Caller, type Permission } from '@photo/shared/domain/permissions';
import type { AccessDoc } from '@photo/shared/http/contract';
import type { Authenticator } from '../auth/authenticator';

/** Who may call a backend route. The two shared-access kinds leave the finer check (whose image) to the use case. */
export type Access =
  | { permission: Permission }
  | { participantOrAnyOf: readonly Permission[]; forbidden: string }
  | 'participant'
  | 'participant-or-image-reader'
  | 'public';

/** The caller a route's handler gets for its access. */
export type CallerOf<A extends Access> = A extends 'public'
  ? null
  : A extends 'participant'
    ? Extract<Caller, { kind: 'participant' }>
    : A extends { permission: Permission }
      ? Extract<Caller, { kind: 'user' }>
      : Caller;

/** Checks the caller as `access` demands (401 or 403 otherwise). */
export function authorize(
  auth: Authenticator,
  access: Access,
  req: Request,
  res: Response,
): Promise<unknown> {
  if (access === 'public') return Promise.resolve(null);
  if (access === 'participant') return auth.participant(req, res);
  if (typeof access === 'object' && 'permission' in access) return auth.user(req, res, access.permission);
  return auth.caller(req, res);
}

const asUser = [
  errors.unauthenticated,
  errors.accessTokenExpired,
  errors.participantTokenRotated,
  errors.participantTokenRevoked,
  errors.unavailable,
];

const documented = (security: AccessDoc['security'], forbidden: string, note: string): AccessDoc => ({
  security,
  errors: [...asUser, [errors.forbidden, forbidden]],
  note,
});

/** How an access is documented: the security requirement (3.1 allows naming the permission), its errors, a note. */
export function accessDoc(access: Access): AccessDoc {
  if (access === 'public') return { security: [], errors: [], note: 'No authentication.' };
  const read = PERMISSIONS.imagesRead;
  if (access === 'participant') {
    return documented(
      [{ participantToken: [] }],
      'An operator or staff token: this is for participants.',
      'For participants (participant token).',
    );
  }
  if (access === 'participant-or-image-reader') {
    return documented(
      [{ participantToken: [] }, { operatorToken: [read] }],
      `A user token without the \`${read}\` permission.`,
      `For a participant (their own images only) or a user with the \`${read}\` permission.`,
    );
  }
  if ('participantOrAnyOf' in access) {
    const listed = access.participantOrAnyOf.map((p) => `\`${p}\``).join(', ');
    return documented(
      [{ participantToken: [] }, ...access.participantOrAnyOf.map((p) => ({ operatorToken: [p] }))],
      access.forbidden,
      `For a participant, or a user with one of: ${listed}.`,
    );
  }
  return documented(
    [{ operatorToken: [access.permission] }],
    `The token lacks the \`${access.permission}\` permission, or is a participant token.`,
    `Requires the \`${access.permission}\` permission.`,
  );
}
