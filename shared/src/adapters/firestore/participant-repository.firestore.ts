import type {
  CollectionReference,
  DocumentReference,
  DocumentSnapshot,
  Firestore,
  Transaction,
  WriteBatch,
} from '@google-cloud/firestore';
import { z } from 'zod';
import type { Participant } from '../../domain/participant';
import type { Page, PageRequest } from '../../ports/common';
import type {
  CreateParticipantsResult,
  NewParticipant,
  ParticipantOrder,
  ParticipantRepository,
  RetiredToken,
  TokenRetirement,
} from '../../ports/participant-repository.port';
import { participantRecord, retiredTokenRecord } from '../records/operations';
import { parsedOrNull } from '../records/stored';
import {
  chunk,
  collectionName,
  hashedId,
  MAX_WRITES_PER_COMMIT,
  writeInBatches,
  type FirestoreAdapterOptions,
} from './documents';
import { isAlreadyExists } from '../gcp/grpc-status';
import { newestFirstPage } from './pagination';

/** participants/{visitorId}: the participant and its token hash. */
const participantDoc = participantRecord.extend({ tokenHash: z.string() });

/**
 * Lookup docs make uniqueness a document-id precondition: participantExternalRefs/{sha256(ref)} and
 * participantTokenHashes/{tokenHash}, each `{ visitorId }`, created with the participant or not at all.
 */
const lookupDoc = z.object({ visitorId: z.string() });

/** The schema strips what is not the participant's own (its token hash). */
const toParticipant = (data: unknown): Participant => participantRecord.parse(data);

/** A participant, its token-hash lookup and (when it has one) its externalRef lookup: at most 3 writes. */
const WRITES_PER_PARTICIPANT = 3;
const PARTICIPANTS_PER_COMMIT = Math.floor(MAX_WRITES_PER_COMMIT / WRITES_PER_PARTICIPANT);

type Read = (refs: DocumentReference[]) => Promise<DocumentSnapshot[]>;

interface Plan {
  result: CreateParticipantsResult;
  toCreate: NewParticipant[];
}

/**
 * Participants in Firestore.
 *
 * createMany is all-or-none for up to 166 participants per call (3 writes each, Firestore's 500 writes per commit):
 * one transaction reads the externalRef lookups and creates everything. A larger import is checked first (every
 * id, token hash and externalRef read before anything is written), then written in atomic batches of 166; if a
 * batch fails (a concurrent writer took an id in between, or the network), the batches already committed are
 * deleted again before the error surfaces. The trade-off: for that moment, readers may see part of an import, and a
 * crash between batches leaves the committed part in place. Re-running the import is the remedy (externalRefs make
 * it idempotent); rows without an externalRef could then be created twice.
 */
export class FirestoreParticipantRepository implements ParticipantRepository {
  private readonly participants: CollectionReference;
  private readonly externalRefs: CollectionReference;
  private readonly tokenHashes: CollectionReference;
  private readonly retiredTokens: CollectionReference;

  constructor(
    private readonly db: Firestore,
    options?: FirestoreAdapterOptions,
  ) {
    this.participants = db.collection(collectionName(options, 'participants'));
    this.externalRefs = db.collection(collectionName(options, 'participantExternalRefs'));
    this.tokenHashes = db.collection(collectionName(options, 'participantTokenHashes'));
    this.retiredTokens = db.collection(collectionName(options, 'retiredParticipantTokens'));
  }

  async createMany(participants: NewParticipant[]): Promise<CreateParticipantsResult> {
    if (participants.length === 0) return { created: [], existing: [] };
    try {
      if (participants.length <= PARTICIPANTS_PER_COMMIT) {
        return await this.db.runTransaction(async (tx) => {
          const plan = await this.plan(participants, async (refs) =>
            refs.length === 0 ? [] : tx.getAll(...refs),
          );
          for (const p of plan.toCreate) this.create(tx, p);
          return plan.result;
        });
      }
      return await this.createInBatches(participants);
    } catch (error) {
      if (isAlreadyExists(error))
        throw new Error('participant id or token hash already exists', { cause: error });
      throw error;
    }
  }

  async findById(visitorId: string): Promise<Participant | null> {
    return parsedOrNull(participantRecord, (await this.participants.doc(visitorId).get()).data());
  }

  /** A count() aggregation: billed one read per 1,000 participants, no document is fetched. */
  async count(): Promise<number> {
    return (await this.participants.count().get()).data().count;
  }

  async findByTokenHash(tokenHash: string): Promise<Participant | null> {
    const { docs } = await this.participants.where('tokenHash', '==', tokenHash).limit(1).get();
    return docs[0] === undefined ? null : toParticipant(docs[0].data());
  }

  /** One transaction: the participant's hash, both lookup docs and the retirement change together or not at all. */
  async replaceToken(
    visitorId: string,
    tokenHash: string,
    reason: TokenRetirement,
    now: Date,
  ): Promise<boolean> {
    return this.db.runTransaction(async (tx) => {
      const ref = this.participants.doc(visitorId);
      const snapshot = await tx.get(ref);
      if (!snapshot.exists) return false;
      const old = participantDoc.parse(snapshot.data()).tokenHash;
      tx.update(ref, { tokenHash });
      tx.delete(this.tokenHashes.doc(old));
      tx.create(this.tokenHashes.doc(tokenHash), { visitorId });
      tx.set(this.retiredTokens.doc(old), { visitorId, reason, retiredAt: now });
      return true;
    });
  }

  /** retiredParticipantTokens/{tokenHash}: a token that stopped working, and why. */
  async findRetiredToken(tokenHash: string): Promise<RetiredToken | null> {
    return parsedOrNull(retiredTokenRecord, (await this.retiredTokens.doc(tokenHash).get()).data());
  }

  async list(page: PageRequest & { order?: ParticipantOrder }): Promise<Page<Participant>> {
    return newestFirstPage(this.participants, 'createdAt', page, toParticipant, page.order === 'oldest');
  }

  /**
   * Splits the batch into the participants to create and those whose externalRef is already stored (or repeats one
   * earlier in the batch). Every read goes through `read`, so inside a transaction they are the transaction's.
   */
  private async plan(participants: NewParticipant[], read: Read): Promise<Plan> {
    const refs = [...new Set(participants.flatMap((p) => (p.externalRef === null ? [] : [p.externalRef])))];
    const lookups = await read(refs.map((ref) => this.externalRefs.doc(hashedId(ref))));
    const storedIds = new Map<string, string>();
    lookups.forEach((lookup, i) => {
      if (lookup.exists) storedIds.set(refs[i]!, lookupDoc.parse(lookup.data()).visitorId);
    });
    const storedIdList = [...new Set(storedIds.values())];
    const storedDocs = await read(storedIdList.map((id) => this.participants.doc(id)));
    const stored = new Map<string, Participant>();
    storedDocs.forEach((doc, i) => {
      if (!doc.exists)
        throw new Error(`participant ${storedIdList[i]} is missing behind its externalRef lookup`);
      stored.set(storedIdList[i]!, toParticipant(doc.data()));
    });

    const result: CreateParticipantsResult = { created: [], existing: [] };
    const toCreate: NewParticipant[] = [];
    const createdByRef = new Map<string, Participant>();
    for (const p of participants) {
      const ref = p.externalRef;
      const storedId = ref === null ? undefined : storedIds.get(ref);
      const known =
        ref === null ? undefined : storedId !== undefined ? stored.get(storedId) : createdByRef.get(ref);
      if (known !== undefined) {
        result.existing.push(known);
        continue;
      }
      const { tokenHash: _, ...participant } = p;
      if (ref !== null) createdByRef.set(ref, participant);
      result.created.push(participant);
      toCreate.push(p);
    }
    assertDistinct(toCreate);
    return { result, toCreate };
  }

  private create(writer: Transaction | WriteBatch, p: NewParticipant): void {
    const { visitorId, tokenHash, externalRef } = p;
    writer.create(this.participants.doc(visitorId), p);
    writer.create(this.tokenHashes.doc(tokenHash), { visitorId });
    if (externalRef !== null) writer.create(this.externalRefs.doc(hashedId(externalRef)), { visitorId });
  }

  /** The large-import path: see the class comment for what it guarantees and what it does not. */
  private async createInBatches(participants: NewParticipant[]): Promise<CreateParticipantsResult> {
    const plan = await this.plan(participants, (refs) => this.getAll(refs));
    const taken = await this.getAll(
      plan.toCreate.flatMap((p) => [this.participants.doc(p.visitorId), this.tokenHashes.doc(p.tokenHash)]),
    );
    if (taken.some((doc) => doc.exists)) throw new Error('participant id or token hash already exists');

    const committed: NewParticipant[][] = [];
    try {
      for (const part of chunk(plan.toCreate, PARTICIPANTS_PER_COMMIT)) {
        const batch = this.db.batch();
        for (const p of part) this.create(batch, p);
        await batch.commit();
        committed.push(part);
      }
    } catch (error) {
      await this.undo(committed.flat()).catch((undoError: unknown) => {
        throw new AggregateError(
          [error, undoError],
          'an import failed, and undoing its committed part failed too',
        );
      });
      throw error;
    }
    return plan.result;
  }

  private async undo(created: NewParticipant[]): Promise<void> {
    const refs = created.flatMap((p) => [
      this.participants.doc(p.visitorId),
      this.tokenHashes.doc(p.tokenHash),
      ...(p.externalRef === null ? [] : [this.externalRefs.doc(hashedId(p.externalRef))]),
    ]);
    await writeInBatches(this.db, refs, (batch, ref) => batch.delete(ref));
  }

  private async getAll(refs: DocumentReference[]): Promise<DocumentSnapshot[]> {
    if (refs.length === 0) return [];
    const reads = await Promise.all(
      chunk(refs, MAX_WRITES_PER_COMMIT).map((part) => this.db.getAll(...part)),
    );
    return reads.flat();
  }
}

/** Two new participants with one visitor id or token hash can never both be stored: refuse the whole batch. */
function assertDistinct(participants: NewParticipant[]): void {
  const ids = new Set(participants.map((p) => p.visitorId));
  const hashes = new Set(participants.map((p) => p.tokenHash));
  if (ids.size !== participants.length || hashes.size !== participants.length) {
    throw new Error('a batch repeats a participant id or token hash');
  }
}
