import type { OidcAppContext } from '@photo/web/ui/oidc-app';
import { webStorage } from '@photo/web/storage/web-storage';
import { createQrDecoder } from '../camera/qr-decoder';
import { ZXING_READER_WASM_URL } from '../camera/qr-wasm-url';
import { createScanDeduper } from '../camera/scan-deduper';
import { browserLocks } from '../outbox/locks';
import { openOutboxStore } from '../outbox/outbox.store';
import { createPhotoSender } from '../outbox/photo-sender';
import { createUploader, windowOnline } from '../outbox/uploader';
import { handledCount } from './handled-count';
import type { StaffServices } from './staff-services';

/** The same code is answered again only after this long: a camera reads it in every frame meanwhile. */
const RESCAN_WINDOW_MS = 3000;
/** Uploaded shots stay listed in the outbox for the day, then go: their images are on the server. */
const KEEP_DONE_MS = 24 * 60 * 60 * 1000;

/** Builds what the screens use for one login, and starts the uploader on what earlier pages left. */
export async function createStaffServices(
  context: OidcAppContext,
  freshLogin: boolean,
): Promise<StaffServices & { close(): void }> {
  const outbox = await openOutboxStore();
  await outbox.pruneDone(Date.now() - KEEP_DONE_MS);
  const uploader = createUploader({
    store: outbox,
    send: createPhotoSender(context.api),
    locks: browserLocks(),
    onOnline: windowOnline,
  });
  uploader.start();
  const handled = handledCount(webStorage('localStorage'), context.session.user.subject);
  if (freshLogin) handled.reset();
  return {
    client: context.api,
    outbox,
    uploader,
    decoder: createQrDecoder({ url: ZXING_READER_WASM_URL }),
    deduper: createScanDeduper(RESCAN_WINDOW_MS),
    handled,
    close() {
      uploader.stop();
      outbox.close();
    },
  };
}
