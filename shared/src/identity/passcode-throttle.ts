/** Wrong passcodes allowed per user in a window before the login page refuses that user for the rest of it. */
const MAX_FAILURES = 5;
const WINDOW_MS = 60_000;

/**
 * Slows passcode guessing on a venue network: after five wrong passcodes for one user within a minute, that user
 * cannot log in until the minute is over. In memory: a restart forgets it, which costs an attacker a restart.
 */
export class PasscodeThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  isLocked(userId: string): boolean {
    return this.recent(userId).length >= MAX_FAILURES;
  }

  fail(userId: string): void {
    this.failures.set(userId, [...this.recent(userId), this.now()]);
  }

  succeed(userId: string): void {
    this.failures.delete(userId);
  }

  private recent(userId: string): number[] {
    const since = this.now() - WINDOW_MS;
    return (this.failures.get(userId) ?? []).filter((t) => t > since);
  }
}
