import { DetectFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { GoogleAuth } from 'google-auth-library';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeAws, type AwsCall, type AwsReply } from '../../testing/fake-aws-server';
import { LoopbackHttpServer, type Reply } from '../../testing/loopback-http';
import { GoogleIdTokenSource } from '../gcp/service-tokens.google';
import { awsCredentialsFromGoogle } from './aws-credentials.google';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/event-photo-gallery';
const AUDIENCE = 'event-photo-gallery-aws';
const REGION = 'ap-northeast-1';

/** An unsigned JWT shaped like the metadata server's ID token (STS checks the signature; the fake does not). */
const idToken = (audience: string, n: number) =>
  [
    { alg: 'RS256', typ: 'JWT' },
    {
      iss: 'https://accounts.google.com',
      aud: audience,
      azp: '112233445566778899000',
      sub: '112233445566778899000',
      n,
      exp: Math.floor(Date.now() / 1000) + 3600,
    },
    'sig',
  ]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .join('.');

const stsAnswer = (
  accessKeyId: string,
  expiration: Date,
) => `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>112233445566778899000</SubjectFromWebIdentityToken>
    <Audience>112233445566778899000</Audience>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/event-photo-gallery/gallery-api</Arn>
      <AssumedRoleId>AROAFAKEGALLERY:gallery-api</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <SessionToken>fake-session-token-${accessKeyId}</SessionToken>
      <SecretAccessKey>fake-secret-${accessKeyId}</SecretAccessKey>
      <Expiration>${expiration.toISOString()}</Expiration>
      <AccessKeyId>${accessKeyId}</AccessKeyId>
    </Credentials>
    <Provider>accounts.google.com</Provider>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>`;

describe('AWS credentials from the Google ID token (AssumeRoleWithWebIdentity through the real SDK)', () => {
  const metadata = new LoopbackHttpServer();
  let aws: Awaited<ReturnType<typeof startFakeAws>>;
  let reply: (call: AwsCall) => AwsReply;
  let issued = 0;

  beforeAll(async () => {
    await metadata.start();
    metadata.reply = (request): Reply => {
      const url = new URL(request.path, 'http://metadata');
      if (url.pathname !== '/computeMetadata/v1/instance/service-accounts/default/identity')
        return { status: 404, body: 'not found', headers: { 'metadata-flavor': 'Google' } };
      issued += 1;
      return {
        status: 200,
        body: idToken(url.searchParams.get('audience') ?? '', issued),
        headers: { 'metadata-flavor': 'Google', 'content-type': 'application/text' },
      };
    };
    aws = await startFakeAws((call) => reply(call));
    // google-auth-library finds "the metadata server" here, as it finds the real one on Cloud Run.
    vi.stubEnv('GCE_METADATA_HOST', new URL(metadata.url).host);
    vi.stubEnv('METADATA_SERVER_DETECTION', 'assume-present');
  });
  afterEach(() => {
    aws.calls.length = 0;
    metadata.requests.length = 0;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await metadata.stop();
    await aws.close();
  });

  const provider = (now?: () => number) =>
    awsCredentialsFromGoogle(
      new GoogleIdTokenSource(new GoogleAuth()),
      {
        roleArn: ROLE_ARN,
        audience: AUDIENCE,
        region: REGION,
        sessionName: 'gallery-api',
        stsEndpoint: aws.endpoint,
      },
      now,
    );

  it('when Rekognition is called, then it signs with the credentials STS exchanged for the metadata server ID token', async () => {
    const expiration = new Date(Date.now() + 3600_000);
    reply = (call): AwsReply =>
      call.operation === 'STS.AssumeRoleWithWebIdentity'
        ? { xml: stsAnswer('ASIAFAKEGALLERY1', expiration) }
        : { body: { FaceDetails: [] } };
    const client = new RekognitionClient({
      region: REGION,
      endpoint: aws.endpoint,
      credentials: provider(),
      maxAttempts: 1,
    });

    await client.send(
      new DetectFacesCommand({ Image: { Bytes: Buffer.from('selfie') }, Attributes: ['ALL'] }),
    );
    client.destroy();

    const identities = metadata.requests.filter((r) => r.path.includes('/identity?'));
    expect(identities).toHaveLength(1);
    const [identity] = identities;
    expect(identity!.headers['metadata-flavor']).toBe('Google');
    expect(new URL(identity!.path, 'http://metadata').searchParams.get('audience')).toBe(AUDIENCE);

    const [sts, rekognition, ...rest] = aws.calls;
    expect(rest).toEqual([]);
    expect(sts!.operation).toBe('STS.AssumeRoleWithWebIdentity');
    expect(sts!.body).toMatchObject({
      Action: 'AssumeRoleWithWebIdentity',
      RoleArn: ROLE_ARN,
      RoleSessionName: 'gallery-api',
      WebIdentityToken: idToken(AUDIENCE, 1),
    });
    expect(sts!.headers.authorization, 'AssumeRoleWithWebIdentity is not signed').toBeUndefined();

    expect(rekognition!.operation).toBe('RekognitionService.DetectFaces');
    expect(rekognition!.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=ASIAFAKEGALLERY1/\\d{8}/${REGION}/rekognition/aws4_request, ` +
          'SignedHeaders=[a-z0-9;-]*x-amz-security-token[a-z0-9;-]*, Signature=[0-9a-f]{64}$',
      ),
    );
    expect(rekognition!.headers['x-amz-security-token']).toBe('fake-session-token-ASIAFAKEGALLERY1');
  });

  it('when the credentials near their expiry, then STS is asked again; until then one exchange serves every caller', async () => {
    let now = Date.now();
    const keys = ['ASIAFAKEGALLERY2', 'ASIAFAKEGALLERY3'];
    reply = () => ({ xml: stsAnswer(keys.shift()!, new Date(now + 3600_000)) });
    const credentials = provider(() => now);

    const first = await Promise.all([credentials(), credentials(), credentials()]);
    now += 50 * 60_000;
    const later = await credentials();
    now += 6 * 60_000;
    const renewed = await credentials();

    expect(first.map((c) => c.accessKeyId)).toEqual(Array(3).fill('ASIAFAKEGALLERY2'));
    expect(later.accessKeyId).toBe('ASIAFAKEGALLERY2');
    expect(renewed).toMatchObject({
      accessKeyId: 'ASIAFAKEGALLERY3',
      sessionToken: 'fake-session-token-ASIAFAKEGALLERY3',
    });
    expect(aws.calls.map((c) => c.operation)).toEqual(Array(2).fill('STS.AssumeRoleWithWebIdentity'));
  });

  it('when STS refuses the token, then the exchange fails with the reason STS gave and the next call asks again', async () => {
    reply = () => ({
      status: 400,
      xml: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code><Message>Incorrect token audience</Message></Error><RequestId>sts-2</RequestId></ErrorResponse>`,
    });
    const credentials = provider();
    await expect(credentials()).rejects.toMatchObject({ name: 'InvalidIdentityTokenException' });
    reply = () => ({ xml: stsAnswer('ASIAFAKEGALLERY4', new Date(Date.now() + 3600_000)) });
    expect((await credentials()).accessKeyId).toBe('ASIAFAKEGALLERY4');
  });
});
