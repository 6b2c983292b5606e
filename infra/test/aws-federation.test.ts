import { parse } from '@cdktf/hcl2json';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { galleryConfigSchema } from '@photo/gallery-api/config';

/**
 * The face gallery's way into AWS: infra/aws/ declares the role trusting the gallery's Google service account, and
 * cloudbuild.yaml hands the gallery the settings its web identity exchange reads.
 */

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

describe('AWS web identity federation of the face gallery', () => {
  it('when AWS is asked for credentials, then only the gallery service account with the audience may assume the role', async () => {
    const hcl = (await parse('main.tf', readFileSync(join(ROOT, 'infra/aws/main.tf'), 'utf8'))) as {
      resource: { aws_iam_role: { gallery: [{ assume_role_policy: string }] } };
    };
    const policy = hcl.resource.aws_iam_role.gallery[0].assume_role_policy;
    expect(policy).toContain('Federated = "accounts.google.com"');
    expect(policy).toContain('Action    = "sts:AssumeRoleWithWebIdentity"');
    expect(policy).toContain('"accounts.google.com:aud"  = var.gallery_service_account_id');
    expect(policy).toContain('"accounts.google.com:sub"  = var.gallery_service_account_id');
    expect(policy).toContain('"accounts.google.com:oaud" = var.audience');
    const outputs = readFileSync(join(ROOT, 'infra/outputs.tf'), 'utf8');
    expect(outputs).toContain('google_service_account.service["gallery-api"].unique_id');
  });

  it('when the gallery is deployed, then it gets the role, the audience and the region, each a setting it reads', () => {
    const build = parseYaml(readFileSync(join(ROOT, 'cloudbuild.yaml'), 'utf8')) as {
      steps: { id: string; args?: string[] }[];
      substitutions: Record<string, string>;
    };
    const args = build.steps.find((s) => s.id === 'deploy-gallery-api')?.args ?? [];
    const env = Object.fromEntries(
      (args.find((a) => a.startsWith('--set-env-vars=^|^'))?.slice('--set-env-vars=^|^'.length) ?? '')
        .split('|')
        .map((pair) => pair.split('=', 2) as [string, string]),
    );
    expect(env).toMatchObject({
      AWS_REGION: '${_AWS_REGION}',
      AWS_ROLE_ARN: '${_AWS_ROLE_ARN}',
      AWS_WEB_IDENTITY_AUDIENCE: '${_AWS_WEB_IDENTITY_AUDIENCE}',
    });
    for (const name of ['AWS_REGION', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_AUDIENCE'])
      expect(Object.keys(galleryConfigSchema.shape)).toContain(name);
    expect(build.substitutions).toMatchObject({ _AWS_ROLE_ARN: '', _AWS_WEB_IDENTITY_AUDIENCE: '' });
  });
});
