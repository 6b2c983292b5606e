import { fromWebToken } from '@aws-sdk/credential-provider-web-identity';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { ServiceTokenSource } from '../../ports/service-token.port';

export interface GoogleWebIdentityOptions {
  /** The AWS role the gallery acts as; its trust policy admits this service account's Google ID tokens. */
  roleArn: string;
  /** The `aud` of the Google ID token, which the role's trust policy checks (`accounts.google.com:oaud`). */
  audience: string;
  /** STS is called in this region (the region the AWS services are in). */
  region: string;
  /** Shows in CloudTrail as the assumed role's session. */
  sessionName: string;
  /** Tests: a loopback STS. */
  stsEndpoint?: string;
}

/** STS credentials live an hour by default; exchange again this long before they expire. */
const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * AWS credentials without an AWS key: this service account's Google ID token (from the metadata server on Cloud
 * Run) exchanged with STS `AssumeRoleWithWebIdentity` for the role's temporary credentials, through the SDK's
 * web-identity provider. One exchange serves every AWS client of the process until five minutes before the
 * credentials expire; concurrent callers share it. Each exchange takes a fresh ID token, since Google's live an
 * hour too.
 */
export function awsCredentialsFromGoogle(
  tokens: ServiceTokenSource,
  options: GoogleWebIdentityOptions,
  now: () => number = Date.now,
): AwsCredentialIdentityProvider {
  let cached: AwsCredentialIdentity | null = null;
  let pending: Promise<AwsCredentialIdentity> | null = null;

  const exchange = async (): Promise<AwsCredentialIdentity> => {
    const webIdentityToken = await tokens.tokenFor(options.audience);
    const credentials = await fromWebToken({
      roleArn: options.roleArn,
      roleSessionName: options.sessionName,
      webIdentityToken,
      clientConfig: {
        region: options.region,
        ...(options.stsEndpoint ? { endpoint: options.stsEndpoint } : {}),
      },
    })();
    cached = credentials;
    return credentials;
  };

  return async () => {
    const fresh =
      cached !== null &&
      (cached.expiration === undefined || now() < cached.expiration.getTime() - REFRESH_BEFORE_MS);
    if (fresh) return cached!;
    pending ??= exchange().finally(() => {
      pending = null;
    });
    return pending;
  };
}
