/** The permissions behind each part of the console; the API checks them again on every call. */
export const CONSOLE_PERMISSIONS = {
  participantsRead: 'read:participants',
  participantsWrite: 'write:participants',
  imagesRead: 'read:images',
  imagesWrite: 'write:images',
  busAdmin: 'admin:bus',
  operatorsRead: 'read:operators',
} as const;

/**
 * Only operators' permissions open the console: staff read participants and images too, but their place is the
 * staff app, so an account holding none of these is told the console is not for it.
 */
const OPERATOR_ONLY = [
  CONSOLE_PERMISSIONS.participantsWrite,
  CONSOLE_PERMISSIONS.imagesWrite,
  CONSOLE_PERMISSIONS.busAdmin,
  CONSOLE_PERMISSIONS.operatorsRead,
];

export const isOperator = (permissions: ReadonlySet<string>): boolean =>
  OPERATOR_ONLY.some((p) => permissions.has(p));

/** The console's sections, each shown only to a token holding its permission. */
export const SECTIONS = [
  { id: 'participants', permission: CONSOLE_PERMISSIONS.participantsRead },
  { id: 'badges', permission: CONSOLE_PERMISSIONS.participantsRead },
  { id: 'images', permission: CONSOLE_PERMISSIONS.imagesRead },
  { id: 'automation', permission: CONSOLE_PERMISSIONS.imagesWrite },
  { id: 'dashboard', permission: CONSOLE_PERMISSIONS.busAdmin },
  { id: 'deadLetters', permission: CONSOLE_PERMISSIONS.busAdmin },
  { id: 'operators', permission: CONSOLE_PERMISSIONS.operatorsRead },
  { id: 'audit', permission: CONSOLE_PERMISSIONS.operatorsRead },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

export const visibleSections = (permissions: ReadonlySet<string>) =>
  SECTIONS.filter((s) => permissions.has(s.permission));
