import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SUBSCRIPTIONS } from '@photo/shared/events/topology';

/**
 * Docker cannot run in CI here, so the Dockerfiles are checked as text: multi-stage, a non-root runtime without dev
 * dependencies, and the bundle as the command. Build context: the repository root.
 */

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Called by phones and consoles directly (the face gallery by visitors' apps, without login). */
const PUBLIC_SERVICES = ['backend-api', 'image-server', 'gallery-api'];
/** Every deployed service: the public ones and every service Pub/Sub pushes to (shared/src/events/topology.ts). */
const DEPLOYED = [...new Set([...PUBLIC_SERVICES, ...SUBSCRIPTIONS.map((s) => s.service)])];
/** One recipe for every service, which names it with `--build-arg SERVICE=<name>`. */
const DOCKERFILE = join(ROOT, 'services', 'Dockerfile');
/** The recipe as it builds `service`: its build argument substituted. */
const dockerfileFor = (service: string) => readFileSync(DOCKERFILE, 'utf8').replaceAll('${SERVICE}', service);
const BASE_IMAGE = 'node:22-bookworm-slim';

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  base: string;
  name: string | null;
  instructions: Instruction[];
}

/** Instructions of a Dockerfile: comments dropped, `\` continuations joined. */
function instructions(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(current + line);
    current = '';
  }
  if (current.trim()) logical.push(current);
  return logical.map((l) => {
    const [keyword = '', ...rest] = l.trim().split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
}

function stages(text: string): Stage[] {
  const result: Stage[] = [];
  for (const instruction of instructions(text)) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--platform'));
      const asIndex = words.findIndex((w) => w.toUpperCase() === 'AS');
      result.push({
        base: words[0] ?? '',
        name: asIndex >= 0 ? (words[asIndex + 1] ?? null) : null,
        instructions: [],
      });
    } else {
      result.at(-1)?.instructions.push(instruction);
    }
  }
  return result;
}

const npmInstalls = (stage: Stage) =>
  stage.instructions
    .filter((i) => i.keyword === 'RUN')
    .flatMap((i) => i.args.split(/&&|;|\|\|/))
    .map((c) => c.trim())
    .filter((c) => /^npm\s+(ci|install|i|add)\b/.test(c));

const installsOnlyProduction = (command: string) => /--omit[= ]dev\b/.test(command);

/** A stage and the stages it is built FROM, nearest first. */
function lineage(all: Stage[], stage: Stage): Stage[] {
  const chain = [stage];
  let parent = all.find((s) => s.name === stage.base);
  while (parent && !chain.includes(parent)) {
    chain.push(parent);
    parent = all.find((s) => s.name === parent?.base);
  }
  return chain;
}

const copiesFrom = (stage: Stage) =>
  stage.instructions
    .filter((i) => i.keyword === 'COPY')
    .map((i) => ({
      from: /--from=(\S+)/.exec(i.args)?.[1] ?? null,
      paths: i.args.split(/\s+/).filter((w) => !w.startsWith('--')),
    }));

/** .dockerignore patterns, comments and blank lines dropped. */
const dockerignore = () =>
  readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

describe('deployed services', () => {
  it.each(DEPLOYED)(
    'when %s is deployed, then it is a workspace the shared Dockerfile can build',
    (service) => {
      expect(existsSync(DOCKERFILE)).toBe(true);
      expect(
        existsSync(join(ROOT, 'services', service, 'package.json')),
        `services/${service}/package.json`,
      ).toBe(true);
      expect(
        existsSync(join(ROOT, 'services', service, 'src', 'main.ts')),
        `services/${service}/src/main.ts`,
      ).toBe(true);
    },
  );
});

describe.each(DEPLOYED)('services/Dockerfile building %s', (service) => {
  const text = dockerfileFor(service);
  const all = stages(text);
  const last = all.at(-1)!;
  const runtimeInstructions = (keyword: string) => last.instructions.filter((i) => i.keyword === keyword);

  it('when parsed, then it has at least two FROM stages, each on Node 22 slim or an earlier stage', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    const names = new Set<string>();
    for (const stage of all) {
      expect([BASE_IMAGE, ...names]).toContain(stage.base);
      if (stage.name) names.add(stage.name);
    }
    expect(last.base).toBe(BASE_IMAGE);
  });

  it('when the final stage runs, then it runs as a user that is not root', () => {
    const user = runtimeInstructions('USER').at(-1)?.args.split(':')[0];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('when the final stage is built, then no dev dependency gets in', () => {
    for (const command of npmInstalls(last)) expect(installsOnlyProduction(command), command).toBe(true);
    // node_modules copied from another stage: every npm install of that stage and its bases omits dev too.
    const moduleSources = copiesFrom(last).filter(
      (c) => c.from && c.paths.some((p) => p.includes('node_modules')),
    );
    expect(moduleSources.length + npmInstalls(last).length).toBeGreaterThan(0);
    for (const { from } of moduleSources) {
      const source = all.find((s) => s.name === from);
      expect(source, `stage ${from}`).toBeDefined();
      const commands = lineage(all, source!).flatMap(npmInstalls);
      expect(commands.length).toBeGreaterThan(0);
      for (const command of commands) expect(installsOnlyProduction(command), command).toBe(true);
    }
    const env = runtimeInstructions('ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toMatch(/NODE_ENV=production/);
  });

  it('when the container starts, then CMD runs the bundle dist/main.js on port 8080', () => {
    const cmd = runtimeInstructions('CMD').at(-1)?.args ?? '';
    expect(JSON.parse(cmd)).toEqual(['node', 'dist/main.js']);
    expect(runtimeInstructions('EXPOSE').map((i) => i.args)).toContain('8080');
    const bundle = copiesFrom(last).find((c) => c.paths.some((p) => p.endsWith('/dist')));
    expect(bundle?.paths[0]).toBe(`/app/services/${service}/dist`);
    expect(bundle?.paths[1]).toBe('./dist');
  });

  it('when the bundle is built, then it is this service that the build script bundles', () => {
    const runs = all.flatMap((s) => s.instructions).filter((i) => i.keyword === 'RUN');
    expect(runs.map((r) => r.args)).toContain(`node scripts/build-service.mjs ${service}`);
    const copied = all.flatMap(copiesFrom).flatMap((c) => c.paths);
    expect(copied).toContain(`services/${service}/src`);
  });

  it('when npm ci checks package-lock.json, then the lockfile and every workspace manifest reach it', () => {
    // The context stage gathers package-lock.json and each package.json down to services/<name>/package.json.
    const gathering = all
      .flatMap((st) => st.instructions)
      .find((i) => i.keyword === 'RUN' && i.args.includes('/manifests'));
    expect(gathering?.args).toContain('cp package-lock.json /manifests/');
    expect(gathering?.args).toMatch(
      /find \. -maxdepth 3 -name package\.json -not -path '\*\/node_modules\/\*' -exec cp --parents/,
    );
    for (const stage of all.filter((st) => npmInstalls(st).length > 0)) {
      const copies = lineage(all, stage).flatMap(copiesFrom);
      expect(
        copies.some((c) => c.from && c.paths[0] === '/manifests/'),
        `stage ${stage.name}`,
      ).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, 'services', service, 'package.json'), 'utf8')) as {
      name: string;
    };
    for (const command of all.flatMap(npmInstalls)) {
      expect(command).toContain('--workspace @photo/shared');
      expect(command).toContain(`--workspace ${pkg.name}`);
    }
  });
});

describe('.dockerignore', () => {
  it('when the repository root is the build context, then host node_modules, bundles and state stay out', () => {
    for (const pattern of ['**/node_modules', '**/dist', '**/.data', '.git', '**/*.tfstate']) {
      expect(dockerignore()).toContain(pattern);
    }
  });

  it('when the images build, then nothing they copy is ignored', () => {
    const needed = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts', 'shared', 'services'];
    for (const pattern of dockerignore()) {
      expect(needed, pattern).not.toContain(pattern.replace(/^\*\*\//, '').replace(/\/$/, ''));
      expect(pattern).not.toMatch(/package(-lock)?\.json|^src$|\*\*\/src|\.mjs/);
    }
  });
});

describe('cloudbuild.yaml', () => {
  const text = readFileSync(join(ROOT, 'cloudbuild.yaml'), 'utf8');
  const build = parseYaml(text) as {
    steps: { id: string; args?: string[]; waitFor?: string[] }[];
    substitutions: Record<string, string>;
  };
  const step = (id: string) => build.steps.find((s) => s.id === id);
  const flag = (args: string[] | undefined, name: string) =>
    args?.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const substituted = (value: string | undefined) =>
    value?.replace(/^\$\{(\w+)\}$/, (_, name: string) => build.substitutions[name] ?? '');

  it.each(DEPLOYED)(
    'when %s is released, then its image is built from the shared Dockerfile for it (layers cached) and deployed as itself',
    (service) => {
      const image = `\${_REGION}-docker.pkg.dev/$PROJECT_ID/\${_REPOSITORY}/${service}`;
      expect(step(`build-${service}`)?.args).toEqual([
        'scripts/docker-build.sh',
        service,
        image,
        '$SHORT_SHA',
      ]);
      const deploy = step(`deploy-${service}`)?.args;
      expect(deploy?.slice(0, 3)).toEqual(['scripts/cloud-deploy.sh', 'deploy', service]);
      expect(flag(deploy, 'image')).toBe(`${image}:$SHORT_SHA`);
      expect(flag(deploy, 'service-account')).toBe(`${service}@$PROJECT_ID.iam.gserviceaccount.com`);
    },
  );

  it('when an image is built, then its layers come from and go to the registry cache, and it is only loaded locally', () => {
    const script = readFileSync(join(ROOT, 'scripts/docker-build.sh'), 'utf8');
    expect(script).toContain('--cache-from "type=registry,ref=$image:buildcache"');
    expect(script).toContain('--cache-to "type=registry,ref=$image:buildcache,mode=max');
    expect(script).toContain('--load -t "$image:$tag"');
  });

  it('when a revision is deployed, then it takes no traffic until the canaries pass, and deploys never change IAM', () => {
    for (const service of DEPLOYED) {
      const args = step(`deploy-${service}`)?.args ?? [];
      expect(
        args.filter((a) => a.includes('allow-unauthenticated')),
        service,
      ).toEqual([]);
      expect(
        args.filter((a) => a === '--no-traffic' || a.startsWith('--tag')),
        service,
      ).toEqual([]);
    }
    expect(new Set(step('smoke-canaries')?.waitFor)).toEqual(new Set(DEPLOYED.map((s) => `deploy-${s}`)));
    expect(step('smoke-canaries')?.args).toEqual(['scripts/cloud-deploy.sh', 'smoke-canaries']);
    expect(step('promote')?.waitFor).toEqual(['smoke-canaries']);
    expect(step('promote')?.args?.slice(0, 2)).toEqual(['scripts/cloud-deploy.sh', 'promote']);
    expect(new Set(step('promote')?.args?.slice(2))).toEqual(new Set(DEPLOYED));
    const script = readFileSync(join(ROOT, 'scripts/cloud-deploy.sh'), 'utf8');
    expect(script).toContain(
      'gcloud run deploy "$service" --region="$REGION" --no-traffic --tag="$CANARY_TAG"',
    );
  });

  it('when a secret is mounted, then its version is pinned at deploy, never latest', () => {
    const mounts = build.steps.flatMap((s) => (flag(s.args, 'set-secrets') ?? '').split(',')).filter(Boolean);
    expect(mounts.length).toBeGreaterThan(0);
    for (const mount of mounts) expect(mount, mount).toMatch(/^\w+=[\w-]+:(current|\$\{_\w+\})$/);
    expect(mounts).toContain('QR_SECRET_PREVIOUS=qr-secret:${_QR_SECRET_PREVIOUS_VERSION}');
    expect(build.substitutions._QR_SECRET_PREVIOUS_VERSION).toBe('');
  });

  it('when an operator drops 500 images, then every image worker drains them at full capacity before the backlog alert', () => {
    // docs/scaling.md: 500 images, ~10 s a job; infra/monitoring.tf alerts after 900 s.
    const imageWork = new Set(
      SUBSCRIPTIONS.filter((s) => s.ackDeadlineSeconds === 300).map((s) => s.service),
    );
    for (const service of imageWork) {
      const args = step(`deploy-${service}`)?.args;
      const slots = Number(substituted(flag(args, 'max-instances'))) * Number(flag(args, 'concurrency'));
      expect(slots, service).toBeGreaterThan(0);
      expect((500 * 10) / slots, service).toBeLessThanOrEqual(900 / 3);
    }
  });
});
