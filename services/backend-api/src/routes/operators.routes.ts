import type { Router } from 'express';
import { PERMISSIONS } from '@photo/shared/domain/permissions';
import { errors } from '@photo/shared/errors/errors';
import type { OperatorDirectory } from '@photo/shared/ports/operator-directory.port';
import type { Authenticator } from '../auth/authenticator';
import { backendRouter, defineRoute } from '../http/route';
import { operatorListView } from '../http/response-schemas';

const listOperators = defineRoute({
  method: 'get',
  path: '/admin/operators',
  operationId: 'listOperators',
  tags: ['Admin'],
  summary: 'Who can sign in to run the event, with their roles',
  description:
    "From Auth0's Management API (users and RBAC roles); the dev identity provider's two users on the embedded default. 503 when the Management API is not configured.",
  access: { permission: PERMISSIONS.operatorsRead },
  responses: { 200: { description: 'Every user, in userId order.', body: operatorListView } },
});

export const operatorContracts = [listOperators];

/** The console's team page: who can sign in to run the event, and with which roles (Auth0's Management API). */
export function operatorRoutes(deps: { auth: Authenticator; operators: OperatorDirectory | null }): Router {
  return backendRouter(deps, (route) => {
    route(listOperators, async () => {
      if (!deps.operators)
        throw errors.unavailable('The operator directory is not configured (AUTH0_DOMAIN).');
      const items = await deps.operators.listOperators();
      return { status: 200, body: { items }, headers: { 'Cache-Control': 'private, no-store' } };
    });
  });
}
