import { Firestore } from '@google-cloud/firestore';
import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';

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

/** The emulator hosts, or null when the cloud suites skip (or no global setup decided anything). */
export const emulatorHosts = (): EmulatorHosts | null => inject('emulators') ?? null;

/** False only when the global setup decided to skip: use with `describe.skipIf(!cloudSuitesEnabled())`. */
export const cloudSuitesEnabled = (): boolean => emulatorHosts() !== null;

/** A project id no other test uses: the emulator keeps one separate database per project. */
export const uniqueProjectId = (prefix = 'test'): string => `${prefix}-${randomBytes(6).toString('hex')}`;

export interface FirestoreForTest {
  db: Firestore;
  projectId: string;
  /** Deletes every document of the project from the emulator (when this client made it) and closes the client. */
  cleanup: () => Promise<void>;
}

/**
 * A Firestore client on the emulator, over a fresh project: isolated from every other test and file. Pass the
 * projectId of another one for a second client on the same data (two processes racing); its cleanup then only
 * closes it, the data being the first one's to delete.
 */
export function firestoreForTest(options: { projectId?: string } = {}): FirestoreForTest {
  const hosts = emulatorHosts();
  if (hosts === null) throw new Error('firestoreForTest: the Firestore emulator is not running');
  const projectId = options.projectId ?? uniqueProjectId();
  const owned = options.projectId === undefined;
  const db = new Firestore({
    projectId,
    host: hosts.firestore,
    ssl: false,
    customHeaders: { Authorization: 'Bearer owner' },
  });
  const cleanup = async () => {
    try {
      if (owned) await deleteProjectDocuments(hosts.firestore, projectId);
    } finally {
      await db.terminate();
    }
  };
  return { db, projectId, cleanup };
}

async function deleteProjectDocuments(host: string, projectId: string): Promise<void> {
  const url = `http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`;
  const response = await fetch(url, { method: 'DELETE' });
  if (!response.ok) throw new Error(`emulator cleanup of ${projectId} answered ${response.status}`);
}

export interface FirestoreForFile {
  /** The file's client, opened on first use over a fresh project, cleaned up after the file's tests. */
  db(): Firestore;
  projectId(): string;
  /** A collection prefix no other test of the file has had: pass it to the adapter under test. */
  collectionPrefix(): string;
}

/**
 * For a file of many short tests: one client per file and a fresh collection prefix per test isolate the tests at a
 * fraction of the cost of a client (and gRPC channel) per test. Call it at the top of a (describe) block.
 */
export function firestoreForFile(): FirestoreForFile {
  let opened: FirestoreForTest | null = null;
  let prefixes = 0;
  const open = (): FirestoreForTest => (opened ??= firestoreForTest());
  afterAll(async () => {
    await opened?.cleanup();
  });
  return {
    db: () => open().db,
    projectId: () => open().projectId,
    collectionPrefix: () => `t${++prefixes}_`,
  };
}
