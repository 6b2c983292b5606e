import { ROLE_PERMISSIONS, type Permission } from '../domain/permissions';

export type DevRole = keyof typeof ROLE_PERMISSIONS;

export interface DevUser {
  /** The user's id; the token subject is `dev|<id>`. */
  id: string;
  /** Shown on the login page and put in the ID token's `name`. */
  name: string;
  /** The role whose permissions the user's access tokens carry; null for none at all. */
  role: DevRole | null;
}

/**
 * The people who can log in to the dev identity provider: one per role, and one with no permission at all so the
 * apps can be seen refusing an account that lacks what a screen needs.
 */
export const DEV_USERS: readonly DevUser[] = [
  { id: 'operator', name: 'Operator', role: 'operator' },
  { id: 'staff', name: 'Staff', role: 'staff' },
  { id: 'guest', name: 'Guest', role: null },
];

export const devUser = (id: string): DevUser | undefined => DEV_USERS.find((u) => u.id === id);

export const permissionsOf = (user: DevUser): Permission[] => (user.role ? ROLE_PERMISSIONS[user.role] : []);

export const subjectOf = (user: DevUser): string => `dev|${user.id}`;

/** The confidential clients of the client-credentials grant: each stands for its role, with its own secret. */
export const CLIENT_CREDENTIALS_CLIENTS = ['operator', 'staff'] as const satisfies readonly DevRole[];
export type ClientCredentialsClient = (typeof CLIENT_CREDENTIALS_CLIENTS)[number];
