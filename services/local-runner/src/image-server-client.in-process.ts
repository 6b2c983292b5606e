import type { ImageVariant } from '@photo/shared/domain/image';
import type {
  ImageServerClient,
  ImportUploadRequest,
  IssuedImageLink,
  Rendition,
  UploadVersionRequest,
  UploadedVersion,
} from '@photo/shared/ports/image-server-client.port';
import type { LinkIssuer } from '@photo/image-server/app';

/**
 * The backend's image server client when both run in this process: one-time links are issued by a direct call into
 * the image server (each image a phone shows costs one, so the hop and its service token were most of an issue);
 * uploads still go over HTTP, streamed and authenticated as in the cloud.
 */
export class InProcessLinksImageServerClient implements ImageServerClient {
  constructor(
    private readonly http: ImageServerClient,
    private readonly links: LinkIssuer,
  ) {}

  uploadVersion(request: UploadVersionRequest): Promise<UploadedVersion> {
    return this.http.uploadVersion(request);
  }

  importUpload(request: ImportUploadRequest): Promise<UploadedVersion> {
    return this.http.importUpload(request);
  }

  recordRenditions(imageId: string, version: number, renditions: Rendition[]): Promise<void> {
    return this.http.recordRenditions(imageId, version, renditions);
  }

  issueLink(imageId: string, variant: ImageVariant | null): Promise<IssuedImageLink> {
    return this.links(imageId, variant);
  }
}
