import { z } from 'zod';
import { AppError } from '../../errors/app-error';
import { errors } from '../../errors/errors';
import type { ServiceTokenSource } from '../../ports/service-token.port';
import type {
  UploadConditions,
  UploadTarget,
  UploadTargetSigner,
} from '../../ports/upload-target-signer.port';

const targetSchema = z.object({
  url: z.string(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.iso.datetime().transform((s) => new Date(s)),
});

/**
 * The backend's signer: it asks the image server, which owns the bucket (and, on Cloud Run, the signing identity),
 * to sign the target (`POST /internal/uploads/targets`, with a service identity token).
 */
export class HttpUploadTargetSigner implements UploadTargetSigner {
  constructor(
    private readonly baseUrl: string,
    private readonly audience: string,
    private readonly tokens: ServiceTokenSource,
  ) {}

  async sign(conditions: UploadConditions): Promise<UploadTarget> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/internal/uploads/targets`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await this.tokens.tokenFor(this.audience)}`,
        },
        body: JSON.stringify({ ...conditions, expiresAt: conditions.expiresAt.toISOString() }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      throw errors.dependencyFailed('The image server', err);
    }
    const body = (await res.json().catch(() => null)) as unknown;
    if (res.ok) return targetSchema.parse(body);
    const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
    if (e?.code && res.status < 500 && res.status !== 401 && res.status !== 403)
      throw new AppError(e.code, res.status, e.message ?? e.code);
    throw errors.dependencyFailed('The image server', new Error(`${res.status} ${e?.code ?? ''}`));
  }
}
