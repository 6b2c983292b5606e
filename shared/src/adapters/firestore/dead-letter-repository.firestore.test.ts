import { describe, expect, it } from 'vitest';
import {
  deadLetterRepositoryContract,
  newDeadLetter,
} from '../../ports/contracts/dead-letter-repository.contract';
import { cloudSuitesEnabled, firestoreForFile } from '../../testing/emulators';
import { FirestoreDeadLetterRepository } from './dead-letter-repository.firestore';

describe.skipIf(!cloudSuitesEnabled())('firestore emulator', () => {
  const firestore = firestoreForFile();
  const newRepo = () =>
    new FirestoreDeadLetterRepository(firestore.db(), { collectionPrefix: firestore.collectionPrefix() });

  deadLetterRepositoryContract('firestore', async () => ({ repo: newRepo(), teardown: async () => {} }));

  it('when attributes have names Firestore refuses as fields, then they still round-trip', async () => {
    const repo = newRepo();
    const letter = newDeadLetter({ attributes: { __reserved__: 'x', 'a.b': 'y', '': 'empty' } });
    await repo.record(letter);
    expect(await repo.get(letter.id)).toEqual(letter);
  });
});
