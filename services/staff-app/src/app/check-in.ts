import type { BackendClient, paths } from '@photo/web/api/client';
import { readErrorCode } from '@photo/web/api/errors';

/** What `POST /checkin` answers for a scanned code: the participant, their photo status and current photo link. */
export type Checkin = paths['/checkin']['post']['responses'][200]['content']['application/json'];

export type CheckinAnswer =
  | { ok: true; checkin: Checkin; qr: string }
  /** `code` is the API's error code, or null when no answer came (offline, server down). */
  | { ok: false; code: string | null };

export async function checkIn(client: BackendClient, qr: string): Promise<CheckinAnswer> {
  try {
    const { data, error } = await client.POST('/checkin', { body: { qr } });
    if (data) return { ok: true, checkin: data, qr };
    return { ok: false, code: readErrorCode(error) };
  } catch {
    return { ok: false, code: null };
  }
}

/** The version to confirm as `expectedVersion` when shooting now (0: not photographed). */
export const confirmedVersion = (checkin: Checkin): number => checkin.status.photoVersion;
