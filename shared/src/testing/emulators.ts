import { Firestore } from '@google-cloud/firestore';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/** Where the emulators answer (host:port); set by emulators.global-setup.ts. */
export interface EmulatorHosts {
  firestore: string;
  pubsub: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** null when the global setup decided the cloud suites skip (no gcloud, outside CI). */
    emulators: EmulatorHosts | null;
  }
}

/** The emulator hosts, or null when the cloud suites skip. Outside the global setup, the environment decides. */
export function emulatorHosts(): EmulatorHosts | null {
  const provided = inject('emulators');
  if (provided !== undefined) return provided;
  const firestore = process.env.FIRESTORE_EMULATOR_HOST;
  const pubsub = process.env.PUBSUB_EMULATOR_HOST;
  return firestore && pubsub ? { firestore, pubsub } : null;
}

/** False only when the global setup decided to skip: use with `describe.skipIf(!cloudSuitesEnabled())`. */
export const cloudSuitesEnabled = (): boolean => emulatorHosts() !== null;

/** A project id no other test uses: the emulator keeps one separate database per project. */
export const uniqueProjectId = (prefix = 'test'): string => `${prefix}-${randomBytes(6).toString('hex')}`;

export interface FirestoreForTest {
  db: Firestore;
  projectId: string;
  /** Deletes every document of the project from the emulator and closes the client. */
  cleanup: () => Promise<void>;
}

/** A Firestore client on the emulator, over a fresh project: isolated from every other test and file. */
export function firestoreForTest(): FirestoreForTest {
  const hosts = emulatorHosts();
  if (hosts === null) throw new Error('firestoreForTest: the Firestore emulator is not running');
  const projectId = uniqueProjectId();
  const db = new Firestore({
    projectId,
    host: hosts.firestore,
    ssl: false,
    customHeaders: { Authorization: 'Bearer owner' },
  });
  const cleanup = async () => {
    try {
      const url = `http://${hosts.firestore}/emulator/v1/projects/${projectId}/databases/(default)/documents`;
      const response = await fetch(url, { method: 'DELETE' });
      if (!response.ok) throw new Error(`emulator cleanup of ${projectId} answered ${response.status}`);
    } finally {
      await db.terminate();
    }
  };
  return { db, projectId, cleanup };
}
