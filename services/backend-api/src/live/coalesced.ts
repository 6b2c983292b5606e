/**
 * Wraps one round of work on an SSE stream so rounds never overlap and no wake-up is lost: a call during a round
 * makes exactly one more round follow it, and a round may ask for another at once (a full page read). A failed
 * round ends the stream: the client reconnects and resumes from its Last-Event-ID.
 */
export function coalesced(
  round: () => Promise<boolean | void>,
  fail: (err: unknown) => void,
): () => Promise<void> {
  let busy = false;
  let again = false;
  return async () => {
    if (busy) return void (again = true);
    busy = true;
    try {
      do {
        again = false;
        if ((await round()) === true) again = true;
      } while (again);
    } catch (err) {
      fail(err);
    } finally {
      busy = false;
    }
  };
}

/** The way a failed round ends a stream. */
export const endStream =
  (res: { destroy(error?: Error): unknown }) =>
  (err: unknown): void =>
    void res.destroy(err instanceof Error ? err : undefined);
