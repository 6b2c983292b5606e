import { webStorage } from '@photo/web/storage/web-storage';
import { useState } from 'preact/hooks';

/**
 * What a form holds, kept in sessionStorage as it is typed: when the session ends and the operator logs in again
 * (the page goes to the identity provider and back), or reloads, the form comes back as it was. Cleared once the form
 * is sent. A draft that does not match the form's fields any more is ignored.
 */
export function readDraft<T extends Record<string, string>>(
  storage: Storage | null,
  key: string,
  empty: T,
): T {
  try {
    const parsed = JSON.parse(storage?.getItem(draftKey(key)) ?? 'null') as unknown;
    if (typeof parsed !== 'object' || parsed === null) return empty;
    const draft = { ...empty };
    for (const field of Object.keys(empty) as (keyof T)[]) {
      const value = (parsed as Record<string, unknown>)[field as string];
      if (typeof value === 'string') draft[field] = value as T[keyof T];
    }
    return draft;
  } catch {
    return empty;
  }
}

export function writeDraft(storage: Storage | null, key: string, draft: Record<string, string> | null): void {
  try {
    if (draft === null || Object.values(draft).every((v) => v === '')) storage?.removeItem(draftKey(key));
    else storage?.setItem(draftKey(key), JSON.stringify(draft));
  } catch {
    // Storage full or refused (a private window): the form still works, only without a draft.
  }
}

const draftKey = (key: string) => `console.draft.${key}`;

/** A form's fields with their draft: `set` keeps each change, `clear` empties the form and forgets the draft. */
export function useDraft<T extends Record<string, string>>(key: string, empty: T) {
  const [value, setValue] = useState<T>(() => readDraft(webStorage('sessionStorage'), key, empty));
  return {
    value,
    set(next: T) {
      setValue(next);
      writeDraft(webStorage('sessionStorage'), key, next);
    },
    clear() {
      setValue(empty);
      writeDraft(webStorage('sessionStorage'), key, null);
    },
  };
}
