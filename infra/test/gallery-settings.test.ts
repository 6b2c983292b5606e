import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { galleryConfigSchema } from '@photo/gallery-api/config';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The AWS, Rekognition and Personalize settings the face gallery reads: each deployed and each documented. */
const AWS_SETTINGS = Object.keys(galleryConfigSchema.shape).filter((name) =>
  /^(AWS|PERSONALIZE|REKOGNITION)_/.test(name),
);

describe("the face gallery's AWS settings", () => {
  it('when the gallery is deployed, then every AWS, Rekognition and Personalize setting it reads is set from a substitution', () => {
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
    expect(AWS_SETTINGS).toContain('PERSONALIZE_DELETION_S3_PREFIX');
    for (const name of AWS_SETTINGS) {
      expect(env[name], name).toBe(`\${_${name}}`);
      expect(Object.keys(build.substitutions), name).toContain(`_${name}`);
    }
  });

  it('when docs/configuration.md is read, then it documents every one of them', () => {
    const docs = readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8');
    for (const name of AWS_SETTINGS) expect(docs, name).toContain(`\`${name}\``);
  });
});
