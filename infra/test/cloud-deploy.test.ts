import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * scripts/cloud-deploy.sh, run for real by bash, with `gcloud` and `curl` replaced by recorders on PATH (Cloud Build
 * and Cloud Run cannot run here): what it asks gcloud to do, and what it does when a check fails.
 */

const SCRIPT = resolve(fileURLToPath(new URL('../../scripts/cloud-deploy.sh', import.meta.url)));

let dir: string;

/** A gcloud that records its arguments and answers the few reads the script makes. */
const FAKE_GCLOUD = `#!/usr/bin/env bash
printf '%s\\n' "$*" >>"$LOG"
case "$*" in
  "secrets versions list"*) echo 7 ;;
  "run services describe"*) printf '{"status":{"traffic":[{"revisionName":"%s-00001","percent":100},{"revisionName":"%s-00002","tag":"canary"}]}}' "$4" "$4" ;;
  "auth print-identity-token"*) echo push-token ;;
esac
`;

/** A curl that answers 401 to status probes, a token to the token endpoint, and fails on FAIL_URL. */
const FAKE_CURL = `#!/usr/bin/env bash
printf 'curl %s\\n' "$*" >>"$LOG"
for arg in "$@"; do
  if [ -n "\${FAIL_URL:-}" ] && [ "$arg" = "$FAIL_URL" ]; then exit 22; fi
done
case "$*" in
  *"%{http_code}"*) printf 401 ;;
  *oauth/token*) printf '{"access_token":"operator-token"}' ;;
esac
`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cloud-deploy-'));
  for (const [name, body] of [
    ['gcloud', FAKE_GCLOUD],
    ['curl', FAKE_CURL],
  ] as const) {
    writeFileSync(join(dir, name), body);
    chmodSync(join(dir, name), 0o755);
  }
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  const log = join(dir, 'log');
  writeFileSync(log, '');
  const result = spawnSync('bash', [SCRIPT, ...args], {
    encoding: 'utf8',
    env: {
      PATH: `${dir}:${process.env.PATH}`,
      LOG: log,
      REGION: 'asia-northeast1',
      PROJECT_ID: 'proj',
      PROJECT_NUMBER: '123',
      API_DOMAIN: 'api.example',
      IMAGES_DOMAIN: 'images.example',
      GALLERY_DOMAIN: 'gallery.example',
      AUTH_ISSUER: 'https://tenant.example/',
      AUTH_AUDIENCE: 'https://api.example',
      SMOKE_CLIENT_ID: 'smoke',
      SMOKE_CLIENT_SECRET: 'smoke-secret',
      ...env,
    },
  });
  return {
    status: result.status,
    stderr: result.stderr,
    calls: readFileSync(log, 'utf8').trim().split('\n'),
  };
}

describe('cloud-deploy.sh', () => {
  it('when a revision is deployed, then it is tagged canary with no traffic and its secrets are pinned', () => {
    const { status, calls } = run([
      'deploy',
      'backend-api',
      '--image=img:abc',
      '--set-secrets=QR_SECRET=qr-secret:current,QR_SECRET_PREVIOUS=qr-secret:,SMTP_URL=smtp-url:3',
    ]);

    expect(status).toBe(0);
    expect(calls).toContain(
      'secrets versions list qr-secret --filter=state=ENABLED --sort-by=~createTime --limit=1 --format=value(name.basename())',
    );
    expect(calls.at(-1)).toBe(
      'run deploy backend-api --region=asia-northeast1 --no-traffic --tag=canary --image=img:abc --set-secrets=QR_SECRET=qr-secret:7,SMTP_URL=smtp-url:3',
    );
  });

  it('when the canaries are smoke-tested, then each public service is checked through its canary path, with a read and a push', () => {
    const { status, calls } = run(['smoke-canaries']);

    expect(status).toBe(0);
    for (const domain of ['api.example', 'images.example', 'gallery.example'])
      expect(
        calls.some((c) => c.includes(`https://${domain}/__canary/readyz`)),
        domain,
      ).toBe(true);
    expect(
      calls.some((c) => c.includes('/__canary/participants?limit=1') && c.includes('Bearer operator-token')),
    ).toBe(true);
    expect(calls).toContain(
      'auth print-identity-token --include-email --audiences=https://backend-api-123.asia-northeast1.run.app --impersonate-service-account=pubsub-push@proj.iam.gserviceaccount.com',
    );
    expect(calls.some((c) => c.includes('/__canary/pubsub/push') && c.includes('Bearer push-token'))).toBe(
      true,
    );
  });

  it('when traffic moves and the public check passes, then every service serves its canary', () => {
    const { status, calls } = run(['promote', 'backend-api', 'clustering-worker']);

    expect(status).toBe(0);
    expect(calls.filter((c) => c.startsWith('run services update-traffic'))).toEqual([
      'run services update-traffic backend-api --region=asia-northeast1 --to-tags=canary=100',
      'run services update-traffic clustering-worker --region=asia-northeast1 --to-tags=canary=100',
    ]);
  });

  it('when the public check fails after traffic moved, then every service goes back to the revision it served', () => {
    const { status, calls } = run(['promote', 'backend-api', 'clustering-worker'], {
      FAIL_URL: 'https://images.example/readyz',
    });

    expect(status).not.toBe(0);
    expect(calls.filter((c) => c.startsWith('run services update-traffic'))).toEqual([
      'run services update-traffic backend-api --region=asia-northeast1 --to-tags=canary=100',
      'run services update-traffic clustering-worker --region=asia-northeast1 --to-tags=canary=100',
      'run services update-traffic backend-api --region=asia-northeast1 --to-revisions=backend-api-00001=100',
      'run services update-traffic clustering-worker --region=asia-northeast1 --to-revisions=clustering-worker-00001=100',
    ]);
  });
});
