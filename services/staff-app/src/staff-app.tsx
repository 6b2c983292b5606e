import './staff.css';
import type { OidcAppContext } from '@photo/web/ui/oidc-app';
import { useI18n } from '@photo/web/i18n/i18n';
import { Button } from '@photo/web/ui/button';
import { useEffect, useState } from 'preact/hooks';
import type { Checkin } from './app/check-in';
import { mark } from './app/marks';
import { useStaff, StaffServicesContext, type StaffServices } from './app/staff-services';
import { useCamera } from './app/use-camera';
import { useOutbox } from './app/use-outbox';
import { createStaffServices } from './app/create-services';
import type { StaffMessageKey } from './i18n/messages';
import { CaptureScreen } from './screens/capture-screen';
import { CardScreen } from './screens/card-screen';
import { ConflictScreen } from './screens/conflict-screen';
import { OutboxScreen } from './screens/outbox-screen';
import { ReviewScreen } from './screens/review-screen';
import { ScanScreen } from './screens/scan-screen';
import { UploadScreen } from './screens/upload-screen';

type View =
  | { name: 'scan' }
  | { name: 'card'; checkin: Checkin; qr: string }
  | { name: 'capture'; checkin: Checkin; qr: string; expectedVersion: number }
  | {
      name: 'review';
      checkin: Checkin;
      qr: string;
      expectedVersion: number;
      image: Blob;
      idempotencyKey: string;
    }
  | { name: 'upload'; shotId: string }
  | { name: 'conflict'; shotId: string }
  | { name: 'outbox' };

/** The staff app of a logged-in staff member: its services built once, then the screens. */
export function StaffApp({ context, freshLogin }: { context: OidcAppContext; freshLogin: boolean }) {
  const [services, setServices] = useState<StaffServices | null>(null);
  useEffect(() => {
    let built: Awaited<ReturnType<typeof createStaffServices>> | null = null;
    let live = true;
    void createStaffServices(context, freshLogin).then((s) => {
      built = s;
      if (live) setServices(s);
      else s.close();
    });
    return () => {
      live = false;
      built?.close();
    };
  }, [context.api]);
  if (!services) return null;
  return (
    <StaffServicesContext.Provider value={services}>
      <StaffScreens />
    </StaffServicesContext.Provider>
  );
}

function StaffScreens() {
  const i18n = useI18n<StaffMessageKey>();
  const { outbox, uploader, handled } = useStaff();
  const { counts } = useOutbox(outbox);
  const [view, setView] = useState<View>(() =>
    location.hash === '#outbox' ? { name: 'outbox' } : { name: 'scan' },
  );
  const [handledCount, setHandledCount] = useState(handled.count);
  useEffect(() => {
    const target = view.name === 'outbox' ? '#outbox' : ' ';
    if ((location.hash || ' ') !== target) history.replaceState(null, '', target.trim() || location.pathname);
  }, [view.name]);
  // The camera stays open from the scanner through the shot, so the next picture is there at once.
  const camera = useCamera(['scan', 'card', 'capture', 'review'].includes(view.name));
  const waiting = counts ? counts.waiting + counts.failed + counts.conflict : 0;
  const toScan = () => setView({ name: 'scan' });

  return (
    <>
      <nav class="staff-bar" aria-label={i18n.t('app.title')}>
        <span class="staff-count" title={i18n.t('app.handledLabel', { count: handledCount })}>
          {i18n.t('app.handled', { count: handledCount })}
        </span>
        <Button
          variant={waiting > 0 ? 'primary' : 'secondary'}
          title={i18n.t('app.outboxLabel', { count: waiting })}
          onClick={() => setView({ name: 'outbox' })}
        >
          {i18n.t('app.outbox', { count: waiting })}
        </Button>
      </nav>
      {view.name === 'scan' && (
        <ScanScreen
          camera={camera}
          onCheckedIn={({ checkin, qr }) => setView({ name: 'card', checkin, qr })}
        />
      )}
      {view.name === 'card' && (
        <CardScreen
          checkin={view.checkin}
          onCancel={toScan}
          onShoot={(expectedVersion) => setView({ ...view, name: 'capture', expectedVersion })}
        />
      )}
      {view.name === 'capture' && (
        <CaptureScreen
          name={view.checkin.participant.displayName}
          camera={camera}
          onBack={() => setView({ name: 'card', checkin: view.checkin, qr: view.qr })}
          // The idempotency key is made at the shutter: this shot, however often it is sent, is stored once.
          onCaptured={(image) =>
            setView({ ...view, name: 'review', image, idempotencyKey: crypto.randomUUID() })
          }
        />
      )}
      {view.name === 'review' && (
        <ReviewScreen
          name={view.checkin.participant.displayName}
          image={view.image}
          onRetake={() => setView({ ...view, name: 'capture' })}
          onAccept={() => {
            mark('accept');
            const id = crypto.randomUUID();
            void outbox
              .add({
                id,
                idempotencyKey: view.idempotencyKey,
                visitorId: view.checkin.participant.visitorId,
                qr: view.qr,
                participantName: view.checkin.participant.displayName,
                expectedVersion: view.expectedVersion,
                image: view.image,
                createdAt: Date.now(),
              })
              .then(() => {
                setHandledCount(handled.add(view.checkin.participant.visitorId));
                setView({ name: 'upload', shotId: id });
                void uploader.kick();
              });
          }}
        />
      )}
      {view.name === 'upload' && (
        <UploadScreen
          shotId={view.shotId}
          onNext={toScan}
          onConflict={() => setView({ name: 'conflict', shotId: view.shotId })}
          onOutbox={() => setView({ name: 'outbox' })}
        />
      )}
      {view.name === 'conflict' && (
        <ConflictScreen
          shotId={view.shotId}
          onResent={() => setView({ name: 'upload', shotId: view.shotId })}
          onDiscarded={toScan}
        />
      )}
      {view.name === 'outbox' && (
        <OutboxScreen onBack={toScan} onResolve={(shotId) => setView({ name: 'conflict', shotId })} />
      )}
    </>
  );
}
