/** Where a long job (a backfill) got to, so a second run resumes instead of starting over. */
export interface Checkpoint {
  name: string;
  /** Opaque to the store: the job's own cursor, null at the start. */
  cursor: string | null;
  processed: number;
  done: boolean;
  updatedAt: Date;
}

export interface CheckpointRepository {
  get(name: string): Promise<Checkpoint | null>;
  /** Replaces the checkpoint of `checkpoint.name`. */
  save(checkpoint: Checkpoint): Promise<void>;
  /** Idempotent. */
  clear(name: string): Promise<void>;
}
