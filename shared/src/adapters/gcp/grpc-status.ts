/** gRPC status codes the adapters translate; Firestore and Pub/Sub errors carry them as a numeric `code`. */
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const FAILED_PRECONDITION = 9;

const hasCode = (error: unknown, code: number): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;

export const isAlreadyExists = (error: unknown): boolean => hasCode(error, ALREADY_EXISTS);
export const isNotFound = (error: unknown): boolean => hasCode(error, NOT_FOUND);
export const isFailedPrecondition = (error: unknown): boolean => hasCode(error, FAILED_PRECONDITION);

/** Whether `write` went through; the one refusal `refused` recognises answers false, any other error throws. */
export async function wrote(
  write: () => Promise<unknown>,
  refused: (error: unknown) => boolean,
): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (refused(error)) return false;
    throw error;
  }
}
