import { Readable } from 'node:stream';
import { AppError } from '../../errors/app-error';
import { errors } from '../../errors/errors';
import type { ImageVariant } from '../../domain/image';
import type {
  ImageServerClient,
  ImportUploadRequest,
  IssuedImageLink,
  Rendition,
  UploadVersionRequest,
  UploadedVersion,
} from '../../ports/image-server-client.port';
import type { ServiceTokenSource } from '../../ports/service-token.port';

interface VersionResponse {
  image: { imageId: string; status: string };
  variant: { version: number; bytes: number; width: number; height: number; contentType: string };
}

/** How long a call may take before it fails as DEPENDENCY.FAILED. */
export interface ImageServerTimeouts {
  callMs: number;
  /**
   * An upload may first wait for one of the image server's spool slots (up to SPOOL_WAIT_SECONDS, at most 300),
   * then be inspected and re-encoded: its budget is the image server's own request timeout on Cloud Run (300 s) and
   * a margin, so a wait for a slot ends in the image server's answer (stored, or 503 with Retry-After), never in a 502.
   */
  uploadMs: number;
}

const DEFAULT_TIMEOUTS: ImageServerTimeouts = { callMs: 60_000, uploadMs: 330_000 };

/** Calls the image server over HTTP with a service identity token; its JSON errors become AppErrors again. */
export class HttpImageServerClient implements ImageServerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly audience: string,
    private readonly tokens: ServiceTokenSource,
    private readonly timeouts: ImageServerTimeouts = DEFAULT_TIMEOUTS,
  ) {}

  async uploadVersion(request: UploadVersionRequest): Promise<UploadedVersion> {
    const headers: Record<string, string> = {
      'content-type': request.contentType,
      'x-image-kind': request.kind,
      'x-expected-version': String(request.expectedVersion),
    };
    if (request.ownerVisitorId) headers['x-owner-visitor-id'] = request.ownerVisitorId;
    if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
    const res = await this.call(`/internal/images/${request.imageId}/versions`, {
      method: 'PUT',
      headers,
      body: Readable.toWeb(request.body) as ReadableStream,
      duplex: 'half',
      // Otherwise fetch clones the request to be able to follow a redirect, and the clone tees the body: the branch
      // kept for it is never read, so it holds every byte sent until the answer (a whole upload per call waiting
      // for a spool slot). A streamed body cannot be sent twice anyway.
      window: null,
      redirect: 'error',
      signal: AbortSignal.timeout(this.timeouts.uploadMs),
    });
    return uploadedVersion(res);
  }

  /** The image server reads the upload from the bucket itself: its bytes do not travel through this call. */
  async importUpload(request: ImportUploadRequest): Promise<UploadedVersion> {
    const { imageId, ...body } = request;
    return uploadedVersion(
      await this.call(`/internal/images/${imageId}/versions/imports`, json('POST', body)),
    );
  }

  async recordRenditions(imageId: string, version: number, renditions: Rendition[]): Promise<void> {
    const body = renditions.map(({ variant, blobKey, contentType, bytes, sha256, width, height }) => {
      return { variant, blobKey, contentType, bytes, sha256, width, height };
    });
    const path = `/internal/images/${imageId}/versions/${version}/renditions`;
    await (await this.call(path, json('PUT', { renditions: body }))).json();
  }

  async issueLink(imageId: string, variant: ImageVariant | null): Promise<IssuedImageLink> {
    const res = await this.call(
      `/internal/images/${imageId}/links`,
      json('POST', variant ? { variant } : {}),
    );
    return (await res.json()) as IssuedImageLink;
  }

  private async call(path: string, init: RequestInit & { duplex?: 'half' }): Promise<Response> {
    const token = await this.tokens.tokenFor(this.audience);
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        ...init,
        signal: AbortSignal.timeout(this.timeouts.callMs),
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
      });
    } catch (err) {
      throw errors.dependencyFailed('The image server', err);
    }
    if (res.ok) return res;
    const payload = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string; details?: Record<string, unknown> };
    } | null;
    const e = payload?.error;
    // The caller's own mistakes pass through with their codes; our service identity being refused is our failure.
    if (e?.code && res.status < 500 && res.status !== 401 && res.status !== 403) {
      throw new AppError(e.code, res.status, e.message ?? e.code, e.details);
    }
    // Busy, not broken (every spool slot taken): the caller is told the same, and when to come back.
    if (res.status === 503 && e?.code === 'SERVICE.UNAVAILABLE') {
      const retryAfter = Number(res.headers.get('retry-after') ?? e.details?.retryAfterSeconds);
      throw errors.unavailable(
        e.message ?? 'The image server is busy: try again.',
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      );
    }
    throw errors.dependencyFailed(
      'The image server',
      new Error(`${res.status} ${e?.code ?? ''} ${e?.message ?? ''}`),
    );
  }
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function uploadedVersion(res: Response): Promise<UploadedVersion> {
  const body = (await res.json()) as VersionResponse;
  return {
    imageId: body.image.imageId,
    status: body.image.status,
    version: body.variant.version,
    bytes: body.variant.bytes,
    width: body.variant.width,
    height: body.variant.height,
    contentType: body.variant.contentType,
    created: res.status === 201,
  };
}
