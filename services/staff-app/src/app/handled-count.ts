/**
 * How many participants this device has handled (a shot accepted for them) since the staff member logged in. Kept
 * in localStorage so a reload does not reset it; a different account starts again from zero.
 */
export interface HandledCount {
  readonly count: number;
  /** Counts the participant once, however often they are photographed; returns the new count. */
  add(visitorId: string): number;
  reset(): void;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY = 'staff.handled';

export function handledCount(storage: KeyValueStorage | null, subject: string): HandledCount {
  const ids = new Set<string>(read(storage, subject));
  const write = () => {
    try {
      storage?.setItem(KEY, JSON.stringify({ subject, ids: [...ids] }));
    } catch {
      // Not kept across a reload; the count of this page still holds.
    }
  };
  return {
    get count() {
      return ids.size;
    },
    add(visitorId) {
      if (!ids.has(visitorId)) {
        ids.add(visitorId);
        write();
      }
      return ids.size;
    },
    reset() {
      ids.clear();
      try {
        storage?.removeItem(KEY);
      } catch {
        // Nothing was kept.
      }
    },
  };
}

function read(storage: KeyValueStorage | null, subject: string): string[] {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return [];
    const parsed = JSON.parse(raw) as { subject?: unknown; ids?: unknown };
    if (parsed.subject !== subject || !Array.isArray(parsed.ids)) return [];
    return parsed.ids.filter((id): id is string => typeof id === 'string');
  } catch {
    return [];
  }
}
