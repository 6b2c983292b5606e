import { useI18n } from '@photo/web/i18n/i18n';
import { StatusBanner } from '@photo/web/ui/status-banner';
import { useState } from 'preact/hooks';
import type { StaffMessageKey } from '../i18n/messages';

/**
 * A photo behind a one-time URL: the <img> loads it once (a second GET would answer 410), so this element must stay
 * mounted while the photo is shown; a failed load says so rather than showing a broken image.
 */
export function OneTimePhoto({ url, alt }: { url: string; alt: string }) {
  const i18n = useI18n<StaffMessageKey>();
  const [failed, setFailed] = useState(false);
  if (failed) return <StatusBanner tone="warn">{i18n.t('card.photoFailed')}</StatusBanner>;
  return <img class="photo" src={url} alt={alt} onError={() => setFailed(true)} />;
}
