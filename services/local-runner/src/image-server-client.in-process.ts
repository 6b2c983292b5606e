import type { ImageServerClient } from '@photo/shared/ports/image-server-client.port';
import type { LinkIssuer } from '@photo/image-server/app';

/**
 * The backend's image server client when both run in this process: one-time links are issued by a direct call into
 * the image server (each image a phone shows costs one, so the hop and its service token were most of an issue);
 * everything else goes over HTTP, streamed and authenticated as in the cloud.
 */
export const inProcessLinks = (http: ImageServerClient, links: LinkIssuer): ImageServerClient => ({
  uploadVersion: (request) => http.uploadVersion(request),
  importUpload: (request) => http.importUpload(request),
  recordRenditions: (...args) => http.recordRenditions(...args),
  issueLink: links,
});
