import { useI18n } from '../i18n/i18n';
import { Button } from './button';

export interface ErrorNoticeProps {
  /** The API's error code, or null when no answer came (network). */
  code: string | null;
  /** The request id the server logged, to quote to an operator. */
  requestId?: string | null;
  onDismiss?: () => void;
  /** A 429's `Retry-After`: the notice says how long to wait instead of "a moment". */
  retryAfterSeconds?: number | null;
}

/** A failed call, told as what it means and what to do next, in the person's language. */
export function ErrorNotice({
  code,
  requestId = null,
  onDismiss,
  retryAfterSeconds = null,
}: ErrorNoticeProps) {
  const i18n = useI18n();
  return (
    <div class="notice" role="alert">
      <p class="notice-text">
        {code === 'RATE.LIMITED' && retryAfterSeconds !== null
          ? i18n.t('error.retryIn', { seconds: Math.max(1, retryAfterSeconds) })
          : i18n.errorMessage(code)}
      </p>
      {onDismiss && (
        <Button variant="secondary" onClick={onDismiss}>
          {i18n.t('notice.dismiss')}
        </Button>
      )}
      {requestId && <p class="notice-reference">{i18n.t('error.requestId', { requestId })}</p>}
    </div>
  );
}
