/** Someone who can sign in to run an event (an operator or a staff member), as the identity provider knows them. */
export interface Operator {
  /** The identity provider's subject (`auth0|…`, `dev|operator`): the `sub` of their access tokens. */
  userId: string;
  email: string | null;
  name: string | null;
  /** Role names (`operator`, `staff`), sorted; empty for a user who has been given none. */
  roles: string[];
}

/** Who can operate events: Auth0's users and their RBAC roles in the cloud, the dev identity provider's embedded. */
export interface OperatorDirectory {
  /** Every user with their roles, users without a role included, in `userId` order. */
  listOperators(): Promise<Operator[]>;
}
