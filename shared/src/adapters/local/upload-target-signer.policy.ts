import type {
  UploadConditions,
  UploadTarget,
  UploadTargetSigner,
} from '../../ports/upload-target-signer.port';
import type { UploadPolicyCodec } from '../../security/upload-policy';

/** Embedded: the image server's own upload endpoint, `PUT {base}/u/{policy}`, enforcing the signed conditions. */
export class PolicyUploadTargetSigner implements UploadTargetSigner {
  constructor(
    private readonly baseUrl: string,
    private readonly codec: UploadPolicyCodec,
  ) {}

  async sign(conditions: UploadConditions): Promise<UploadTarget> {
    return {
      url: `${this.baseUrl.replace(/\/$/, '')}/u/${this.codec.sign(conditions)}`,
      method: 'PUT',
      headers: { 'Content-Type': conditions.contentType },
      expiresAt: conditions.expiresAt,
    };
  }
}
