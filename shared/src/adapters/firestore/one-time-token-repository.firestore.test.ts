import { Timestamp } from '@google-cloud/firestore';
import { describe, expect, it } from 'vitest';
import {
  newGrant,
  oneTimeTokenRepositoryContract,
} from '../../ports/contracts/one-time-token-repository.contract';
import { cloudSuitesEnabled, firestoreForFile } from '../../testing/emulators';
import { FirestoreOneTimeTokenRepository } from './one-time-token-repository.firestore';

describe.skipIf(!cloudSuitesEnabled())('firestore emulator', () => {
  const firestore = firestoreForFile();

  oneTimeTokenRepositoryContract('firestore', async () => ({
    repo: new FirestoreOneTimeTokenRepository(firestore.db(), {
      collectionPrefix: firestore.collectionPrefix(),
    }),
    teardown: async () => {},
  }));

  it('when a grant is stored, then its id is the token hash and expiresAt a Timestamp, for the TTL policy', async () => {
    const collectionPrefix = firestore.collectionPrefix();
    const grant = newGrant();
    await new FirestoreOneTimeTokenRepository(firestore.db(), { collectionPrefix }).create(grant);
    const stored = await firestore
      .db()
      .collection(`${collectionPrefix}oneTimeTokens`)
      .doc(grant.tokenHash)
      .get();
    expect(stored.get('expiresAt')).toEqual(Timestamp.fromDate(grant.expiresAt));
  });
});
