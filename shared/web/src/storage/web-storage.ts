/** The browser's storage of that kind, or null where the browser refuses it (storage disabled in its settings). */
export function webStorage(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return globalThis[kind] ?? null;
  } catch {
    return null;
  }
}
