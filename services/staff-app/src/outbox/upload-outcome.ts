/**
 * What one upload attempt of a shot came to. Only a definitive answer ends the retries: a stored version, a version
 * conflict (someone else photographed the participant meanwhile), or a refusal that no retry can change.
 */
export type UploadOutcome =
  | { kind: 'done'; version: number }
  | { kind: 'conflict'; currentVersion: number | null }
  | { kind: 'failed'; error: string }
  | { kind: 'retry'; error: string };

/** Codes the server may answer differently a moment later: the key is kept and the shot tried again. */
const TRANSIENT_STATUS = new Set([408, 425, 429]);
/** A token that expired or could not be refreshed: the shot waits for the staff to log in again. */
const WAIT_FOR_LOGIN_STATUS = new Set([401]);

interface ErrorBody {
  error?: { code?: unknown; details?: { currentVersion?: unknown } };
}

function codeOf(body: unknown, status: number): string {
  const code = (body as ErrorBody | null)?.error?.code;
  return typeof code === 'string' ? code : `HTTP_${status}`;
}

/** Maps the server's answer (status and parsed JSON body, null when it had none) to the outcome. */
export function classifyUploadAnswer(status: number, body: unknown): UploadOutcome {
  if (status >= 200 && status < 300) {
    const version = (body as { version?: unknown } | null)?.version;
    if (typeof version === 'number') return { kind: 'done', version };
    // A 2xx without the version is not an answer we can trust to have stored the photo.
    return { kind: 'retry', error: `HTTP_${status}` };
  }
  if (status === 409) {
    const current = (body as ErrorBody | null)?.error?.details?.currentVersion;
    return { kind: 'conflict', currentVersion: typeof current === 'number' ? current : null };
  }
  if (status >= 500 || TRANSIENT_STATUS.has(status) || WAIT_FOR_LOGIN_STATUS.has(status)) {
    return { kind: 'retry', error: codeOf(body, status) };
  }
  return { kind: 'failed', error: codeOf(body, status) };
}

/** The request never got an answer: offline, DNS, connection reset, a server stopped mid-body. */
export const NETWORK_ERROR = 'NETWORK';
