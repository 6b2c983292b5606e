/**
 * Type-level checks of the generated client against what the apps rely on: if a change to the API renames a
 * route, a field or an error code the apps use, `npm run openapi` regenerates backend.gen.ts and this file (and the
 * apps) stop type-checking. Nothing here runs.
 */
import type { BackendClient } from './client';
import type { ApiErrorCode } from './errors';
import type { components } from './backend.gen';

type Expect<T extends true> = T;
type Extends<A, B> = [A] extends [B] ? true : false;

export type Checks = [
  // The codes are a closed union read from the document, not `string`.
  Expect<Extends<string, ApiErrorCode> extends true ? false : true>,
  Expect<Extends<'QR.INVALID' | 'QR.EXPIRED' | 'IMAGE.VERSION_CONFLICT' | 'AUTH.FORBIDDEN', ApiErrorCode>>,
  Expect<Extends<'visitorId' | 'displayName' | 'photoImageId', keyof components['schemas']['Participant']>>,
];

/** Calls as the apps write them, checked and never run. */
export async function _checkCalls(client: BackendClient): Promise<void> {
  const checkin = await client.POST('/checkin', { body: { qr: 'payload' } });
  if (checkin.data) {
    const _name: string = checkin.data.participant.displayName;
  }
  const me = await client.GET('/me');
  if (me.error) {
    const _code: ApiErrorCode = me.error.error.code;
  }
}
