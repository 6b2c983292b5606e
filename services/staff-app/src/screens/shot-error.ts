import type { I18n } from '@photo/web/i18n/i18n';
import type { StaffMessageKey } from '../i18n/messages';
import { NETWORK_ERROR } from '../outbox/upload-outcome';
import { LOGIN_NEEDED } from '../outbox/photo-sender';

/** A shot's last error in the staff's words: network, a login to renew, or an API code's message. */
export function describeShotError(i18n: I18n<StaffMessageKey>, error: string | null): string {
  if (error === null || error === NETWORK_ERROR) return i18n.errorMessage(null);
  if (error === LOGIN_NEEDED) return i18n.t('error.AUTH.LOGIN_REQUIRED');
  return i18n.errorMessage(error);
}
