import { describe, expect, it } from 'vitest';
import { readDraft, writeDraft } from './drafts';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

const EMPTY = { displayName: '', email: '' };

describe('form drafts', () => {
  it('when a form is typed in, then its draft reads back after the page comes back', () => {
    const storage = memoryStorage();
    writeDraft(storage, 'create', { displayName: 'Aiko 愛子', email: 'a@example.org' });
    expect(readDraft(storage, 'create', EMPTY)).toEqual({ displayName: 'Aiko 愛子', email: 'a@example.org' });
  });

  it('when the form is sent or emptied, then no draft is left', () => {
    const storage = memoryStorage();
    writeDraft(storage, 'create', { displayName: 'A', email: '' });
    writeDraft(storage, 'create', null);
    expect(storage.length).toBe(0);
    writeDraft(storage, 'create', { displayName: '', email: '' });
    expect(storage.length).toBe(0);
  });

  it('when a draft is damaged or from another form version, then only its known string fields are used', () => {
    const storage = memoryStorage();
    storage.setItem('console.draft.create', '{nope');
    expect(readDraft(storage, 'create', EMPTY)).toEqual(EMPTY);
    storage.setItem('console.draft.create', JSON.stringify({ displayName: 7, email: 'e', extra: 'x' }));
    expect(readDraft(storage, 'create', EMPTY)).toEqual({ displayName: '', email: 'e' });
    expect(readDraft(null, 'create', EMPTY)).toEqual(EMPTY);
  });
});
