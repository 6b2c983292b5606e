import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AwsCall {
  /** `RekognitionService.DetectFaces` (awsJson1_1's X-Amz-Target) or `POST /recommendations` (restJson1). */
  operation: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export type AwsReply = { status?: number; body: unknown; errorType?: string };

/**
 * A loopback HTTP server that speaks the two JSON protocols of the AWS services the gallery uses: awsJson1_1
 * (Rekognition, Personalize's control plane: POST / with X-Amz-Target) and restJson1 (Personalize: POST
 * /recommendations, /events, /users, /items); S3's PutObject (PUT /{bucket}/{key}) is answered too. The real SDK clients, pointed at it, serialise and sign their requests as they would for AWS.
 */
export async function startFakeAws(handle: (call: AwsCall) => AwsReply) {
  const calls: AwsCall[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const target = req.headers['x-amz-target'];
      const call: AwsCall = {
        operation: typeof target === 'string' ? target : `${req.method} ${req.url?.split('?')[0]}`,
        headers: req.headers,
        body: bodyOf(text, req.headers['content-type']),
      };
      calls.push(call);
      const reply = handle(call);
      const json = typeof target === 'string';
      const headers: Record<string, string> = {
        'content-type': json ? 'application/x-amz-json-1.1' : 'application/json',
        'x-amzn-requestid': `req-${calls.length}`,
      };
      if (reply.errorType) headers['x-amzn-errortype'] = reply.errorType;
      const body = reply.errorType
        ? { __type: reply.errorType, message: 'fake failure', ...(reply.body as object) }
        : reply.body;
      res.writeHead(reply.status ?? (reply.errorType ? 400 : 200), headers).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** JSON bodies parsed; any other (an S3 PutObject's file) kept as `{ text }`. */
function bodyOf(text: string, contentType: string | undefined): Record<string, unknown> {
  if (!text) return {};
  return /json/.test(contentType ?? '') ? (JSON.parse(text) as Record<string, unknown>) : { text };
}

/** Client settings for a fake: a loopback endpoint, a region and static credentials, one attempt. */
export const fakeAwsClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDFAKEGALLERY', secretAccessKey: 'fake-secret-key' },
  maxAttempts: 1,
});

/** What SigV4 puts in the Authorization header for the fake's static credentials and a service. */
export const sigV4Pattern = (service: string): RegExp =>
  new RegExp(
    `^AWS4-HMAC-SHA256 Credential=AKIDFAKEGALLERY/\\d{8}/eu-west-1/${service}/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`,
  );
