/** Permissions as they appear in the `permissions` claim of an Auth0 (RBAC) access token. */
export const PERMISSIONS = {
  participantsRead: 'read:participants',
  participantsWrite: 'write:participants',
  checkIn: 'checkin:participants',
  photosUpload: 'upload:photos',
  imagesRead: 'read:images',
  imagesWrite: 'write:images',
  busAdmin: 'admin:bus',
  operatorsRead: 'read:operators',
} as const;
export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

/** The roles the dev identity provider hands out; in Auth0 they are RBAC roles with the same permissions. */
export const ROLE_PERMISSIONS: Record<'operator' | 'staff', Permission[]> = {
  operator: Object.values(PERMISSIONS),
  staff: [
    PERMISSIONS.participantsRead,
    PERMISSIONS.checkIn,
    PERMISSIONS.photosUpload,
    PERMISSIONS.imagesRead,
  ],
};

export type Caller =
  | { kind: 'participant'; visitorId: string }
  | { kind: 'user'; subject: string; permissions: ReadonlySet<string> }
  | { kind: 'service'; email: string };
