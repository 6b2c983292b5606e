import { useI18n } from '../i18n/i18n';
import { Button } from './button';

export interface ErrorNoticeProps {
  /** The API's error code, or null when no answer came (network). */
  code: string | null;
  /** The request id the server logged, to quote to an operator. */
  requestId?: string | null;
  onDismiss?: () => void;
}

/** A failed call, told as what it means and what to do next, in the person's language. */
export function ErrorNotice({ code, requestId = null, onDismiss }: ErrorNoticeProps) {
  const i18n = useI18n();
  return (
    <div class="notice" role="alert">
      <p class="notice-text">{i18n.errorMessage(code)}</p>
      {onDismiss && (
        <Button variant="secondary" onClick={onDismiss}>
          {i18n.t('notice.dismiss')}
        </Button>
      )}
      {requestId && <p class="notice-reference">{i18n.t('error.requestId', { requestId })}</p>}
    </div>
  );
}
