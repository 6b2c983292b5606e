import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import type { Checkpoint, CheckpointRepository } from '../../ports/checkpoint-repository.port';
import { collectionName, hashedId, timestamp, toTimestamp, type FirestoreAdapterOptions } from './documents';

/** jobCheckpoints/{sha256(name)}: one small document per job, written once per page of work. */
const checkpointDoc: z.ZodType<Checkpoint> = z.object({
  name: z.string(),
  cursor: z.string().nullable(),
  processed: z.number().int(),
  done: z.boolean(),
  updatedAt: timestamp,
});

export class FirestoreCheckpointRepository implements CheckpointRepository {
  private readonly checkpoints: CollectionReference;

  constructor(db: Firestore, options?: FirestoreAdapterOptions) {
    this.checkpoints = db.collection(collectionName(options, 'jobCheckpoints'));
  }

  async get(name: string): Promise<Checkpoint | null> {
    const snapshot = await this.checkpoints.doc(hashedId(name)).get();
    return snapshot.exists ? checkpointDoc.parse(snapshot.data()) : null;
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    await this.checkpoints
      .doc(hashedId(checkpoint.name))
      .set({ ...checkpoint, updatedAt: toTimestamp(checkpoint.updatedAt) });
  }

  async clear(name: string): Promise<void> {
    await this.checkpoints.doc(hashedId(name)).delete();
  }
}
