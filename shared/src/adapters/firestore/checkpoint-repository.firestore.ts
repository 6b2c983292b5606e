import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import type { Checkpoint, CheckpointRepository } from '../../ports/checkpoint-repository.port';
import { checkpointRecord } from '../records/operations';
import { parsedOrNull } from '../records/stored';
import { collectionName, hashedId, type FirestoreAdapterOptions } from './documents';

/** jobCheckpoints/{sha256(name)}: one small document per job, written once per page of work. */
export class FirestoreCheckpointRepository implements CheckpointRepository {
  private readonly checkpoints: CollectionReference;

  constructor(db: Firestore, options?: FirestoreAdapterOptions) {
    this.checkpoints = db.collection(collectionName(options, 'jobCheckpoints'));
  }

  async get(name: string): Promise<Checkpoint | null> {
    return parsedOrNull(checkpointRecord, (await this.checkpoints.doc(hashedId(name)).get()).data());
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    await this.checkpoints.doc(hashedId(checkpoint.name)).set(checkpoint);
  }

  async clear(name: string): Promise<void> {
    await this.checkpoints.doc(hashedId(name)).delete();
  }
}
