import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { Screen } from '@photo/web/ui/screen';
import { useObjectUrl } from '@photo/web/hooks/use-object-url';
import type { StaffMessageKey } from '../i18n/messages';

/** The shot just taken, large, with retake or accept. */
export function ReviewScreen({
  name,
  image,
  onAccept,
  onRetake,
}: {
  name: string;
  image: Blob;
  onAccept: () => void;
  onRetake: () => void;
}) {
  const i18n = useI18n<StaffMessageKey>();
  const url = useObjectUrl(image);
  return (
    <Screen
      title={i18n.t('review.title')}
      actions={
        <>
          <Button large onClick={onAccept}>
            {i18n.t('review.accept')}
          </Button>
          <Button variant="secondary" onClick={onRetake}>
            {i18n.t('review.retake')}
          </Button>
        </>
      }
    >
      {url && <img class="photo" src={url} alt={i18n.t('review.image', { name })} />}
    </Screen>
  );
}
