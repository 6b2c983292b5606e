import type { Request } from 'express';
import { errors } from '@photo/shared/errors/errors';
import { spoolToFile } from '@photo/shared/io/spool';
import { SELFIE_TYPES } from '../config';

/**
 * Runs `use` on the request's selfie, spooled to a private temp file (never the bucket), and deletes that file
 * whatever happens: an answer, a refusal, a failure or a client that hangs up.
 */
export async function withSelfie<T>(
  req: Request,
  limits: { tmpDir: string; maxSelfieBytes: number },
  use: (path: string) => Promise<T>,
): Promise<T> {
  if (!req.is(SELFIE_TYPES)) throw errors.unsupportedMediaType(SELFIE_TYPES);
  const file = await spoolToFile(req, limits.tmpDir, limits.maxSelfieBytes);
  try {
    if (file.bytes === 0) throw errors.emptyBody();
    return await use(file.path);
  } finally {
    await file.remove();
  }
}
