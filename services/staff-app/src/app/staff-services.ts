import type { BackendClient } from '@photo/web/api/client';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { QrDecoder } from '../camera/qr-decoder';
import type { ScanDeduper } from '../camera/scan-deduper';
import type { OutboxStore } from '../outbox/outbox.store';
import type { Uploader } from '../outbox/uploader';
import type { HandledCount } from './handled-count';

/** What the screens of a logged-in staff member work with; built once per login in main.tsx. */
export interface StaffServices {
  client: BackendClient;
  outbox: OutboxStore;
  uploader: Uploader;
  decoder: QrDecoder;
  /** App-wide, so a code still in view when the scanner reopens is not answered twice in a row. */
  deduper: ScanDeduper;
  handled: HandledCount;
}

export const StaffServicesContext = createContext<StaffServices | null>(null);

export function useStaff(): StaffServices {
  const services = useContext(StaffServicesContext);
  if (!services) throw new Error('useStaff needs a StaffServicesContext.Provider above it');
  return services;
}
