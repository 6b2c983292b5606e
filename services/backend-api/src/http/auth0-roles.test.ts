import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUTH0_MANAGEMENT_SCOPES } from '@photo/shared/adapters/auth0/operator-directory.auth0';
import { PERMISSIONS, ROLE_PERMISSIONS } from '@photo/shared/domain/permissions';
import { buildOpenApiDocument } from './openapi';

/**
 * docs/deploy.md's Auth0 set-up (permissions, roles, Management API scopes) against what the code checks: someone who
 * follows it gets tokens that pass every route, and grants the Management API application nothing unused.
 */

const ROOT = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
const SOURCES = join(ROOT, 'services/backend-api/src');
const deployGuide = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8');

/** The section of the guide from a numbered step's bold title to the next step. */
function step(title: string): string {
  const start = deployGuide.indexOf(`**${title}**`);
  expect(start, title).toBeGreaterThan(-1);
  const next = deployGuide.slice(start).search(/\n\s*\d+\. \*\*/);
  return deployGuide.slice(start, next === -1 ? undefined : start + next);
}

const codeSpans = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const isPermission = (s: string) => /^[a-z]+:[a-z_]+$/.test(s);

function documentedPermissions(): string[] {
  return step('Permissions.')
    .split('\n')
    .map((line) => /^\s*\| `([^`]+)`/.exec(line)?.[1])
    .filter((p): p is string => p !== undefined && isPermission(p));
}

function documentedRoles(): Record<string, string[]> {
  const roles: Record<string, string[]> = {};
  for (const line of step('Roles.').split('\n')) {
    const row = /^\s*\| `(\w+)`\s*\|(.*)\|\s*$/.exec(line);
    if (row) roles[row[1]!] = codeSpans(row[2]!).filter(isPermission).sort();
  }
  return roles;
}

/** Every permission an operation's security names (operatorToken scopes), by operation. */
function openApiPermissions(): Map<string, string[]> {
  const byOperation = new Map<string, string[]>();
  for (const [path, item] of Object.entries(buildOpenApiDocument().paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, { security?: object[] }>)) {
      const scopes = (op.security ?? []).flatMap(
        (requirement) => (requirement as Record<string, string[]>).operatorToken ?? [],
      );
      if (scopes.length) byOperation.set(`${method.toUpperCase()} ${path}`, scopes);
    }
  }
  return byOperation;
}

/** Every permission the backend's code checks (`PERMISSIONS.x` outside tests and the OpenAPI description). */
function permissionsCheckedInCode(): Set<string> {
  const files = readdirSync(SOURCES, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('openapi'),
  );
  const names = files.flatMap((f) =>
    [...readFileSync(join(SOURCES, f), 'utf8').matchAll(/PERMISSIONS\.(\w+)/g)].map((m) => m[1]!),
  );
  expect(names.length).toBeGreaterThan(0);
  return new Set(names.map((n) => PERMISSIONS[n as keyof typeof PERMISSIONS]));
}

describe('Auth0 set-up in docs/deploy.md', () => {
  it('when the guide lists the API permissions, then they are exactly those of permissions.ts', () => {
    expect(documentedPermissions().sort()).toEqual(Object.values(PERMISSIONS).sort());
  });

  it('when the guide lists the roles, then each grants exactly its ROLE_PERMISSIONS', () => {
    const expected = Object.fromEntries(
      Object.entries(ROLE_PERMISSIONS).map(([role, permissions]) => [role, [...permissions].sort()]),
    );
    expect(documentedRoles()).toEqual(expected);
  });

  it('when a route requires a permission, then the documented operator role grants it', () => {
    const operator = new Set(documentedRoles().operator);
    const required = openApiPermissions();
    expect(required.size).toBeGreaterThan(0);
    for (const [operation, scopes] of required) {
      // Alternatives (a participant, or one of several permissions) included: the operator holds every one.
      for (const scope of scopes) expect(operator.has(scope), `${operation}: ${scope}`).toBe(true);
    }
    for (const permission of permissionsCheckedInCode())
      expect(operator.has(permission), `checked in code: ${permission}`).toBe(true);
  });

  it('when the guide names the Management API scopes, then they are exactly those the operator directory uses', () => {
    const scopes = codeSpans(step('Management API access.')).filter(isPermission);
    expect(scopes.sort()).toEqual([...AUTH0_MANAGEMENT_SCOPES].sort());
  });
});
