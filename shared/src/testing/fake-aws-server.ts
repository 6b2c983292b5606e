import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AwsCall {
  /**
   * `RekognitionService.DetectFaces` (awsJson1_1's X-Amz-Target), `POST /recommendations` (restJson1) or
   * `STS.AssumeRoleWithWebIdentity` (the query protocol's Action).
   */
  operation: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** `xml`: the query protocol's answer (STS), sent as text/xml. */
export type AwsReply =
  { status?: number; body: unknown; errorType?: string } | { status?: number; xml: string };

/**
 * A loopback HTTP server that speaks the two JSON protocols of the AWS services the gallery uses: awsJson1_1
 * (Rekognition, Personalize's control plane: POST / with X-Amz-Target) and restJson1 (Personalize: POST
 * /recommendations, /events, /users, /items); S3's PutObject (PUT /{bucket}/{key}) and STS's query protocol (a form
 * POST, answered in XML) are answered too. The real SDK clients, pointed at it, serialise and sign their requests as
 * they would for AWS.
 */
export async function startFakeAws(handle: (call: AwsCall) => AwsReply) {
  const calls: AwsCall[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const target = req.headers['x-amz-target'];
      const body = bodyOf(text, req.headers['content-type']);
      const action = typeof body.Action === 'string' ? `STS.${body.Action}` : null;
      const call: AwsCall = {
        operation:
          typeof target === 'string' ? target : (action ?? `${req.method} ${req.url?.split('?')[0]}`),
        headers: req.headers,
        body,
      };
      calls.push(call);
      const reply = handle(call);
      if ('xml' in reply) {
        res.writeHead(reply.status ?? 200, { 'content-type': 'text/xml' }).end(reply.xml);
        return;
      }
      const json = typeof target === 'string';
      const headers: Record<string, string> = {
        'content-type': json ? 'application/x-amz-json-1.1' : 'application/json',
        'x-amzn-requestid': `req-${calls.length}`,
      };
      if (reply.errorType) headers['x-amzn-errortype'] = reply.errorType;
      const answer = reply.errorType
        ? { __type: reply.errorType, message: 'fake failure', ...(reply.body as object) }
        : reply.body;
      res.writeHead(reply.status ?? (reply.errorType ? 400 : 200), headers).end(JSON.stringify(answer));
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

/** JSON and form bodies parsed; any other (an S3 PutObject's file) kept as `{ text }`. */
function bodyOf(text: string, contentType: string | undefined): Record<string, unknown> {
  if (!text) return {};
  if (/json/.test(contentType ?? '')) return JSON.parse(text) as Record<string, unknown>;
  if (/x-www-form-urlencoded/.test(contentType ?? '')) return Object.fromEntries(new URLSearchParams(text));
  return { text };
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
