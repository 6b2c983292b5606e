import { parse } from '@cdktf/hcl2json';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The web apps' hosting, from the parsed HCL and cloudbuild.yaml: one static host per app, public, holding no role,
 * deployed from the host's image (its CSP, SPA fallback and uncached config.json: services/web-app-host/test) with
 * the app's config.json written at deploy.
 */
const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const INFRA = join(REPO, 'infra');

type Block = Record<string, unknown>;
let hcl = '';
let locals: Block = {};
const resources: Record<string, Record<string, Block>> = {};

/** The apps under services/: a Vite app has an index.html and a vite.config.ts. */
const WEB_APPS = readdirSync(join(REPO, 'services')).filter(
  (d) =>
    existsSync(join(REPO, 'services', d, 'index.html')) &&
    existsSync(join(REPO, 'services', d, 'vite.config.ts')),
);

beforeAll(async () => {
  for (const file of readdirSync(INFRA).filter((f) => f.endsWith('.tf'))) {
    const text = readFileSync(join(INFRA, file), 'utf8');
    hcl += text;
    const json = (await parse(file, text)) as Block;
    for (const l of (json.locals as Block[] | undefined) ?? []) locals = { ...locals, ...l };
    for (const [type, byName] of Object.entries(
      (json.resource as Record<string, Record<string, Block[]>>) ?? {},
    ))
      for (const [name, bodies] of Object.entries(byName)) (resources[type] ??= {})[name] = bodies[0]!;
  }
});

describe('the web apps on Google Cloud', () => {
  it('when an app is under services/, then it has a static host of its own', () => {
    expect(WEB_APPS).toContain('staff-app');
    expect(Object.keys(locals.web_apps as Block).sort()).toEqual([...WEB_APPS].sort());
    const host = resources.google_cloud_run_v2_service?.web_app;
    expect(host?.for_each).toBe('${local.web_apps}');
    expect(host?.name).toBe('web-${each.key}');
  });

  it('when anyone may load an app, then that is run.invoker on its static host and nothing else', () => {
    const grant = resources.google_cloud_run_v2_service_iam_member?.web_app_public;
    expect(grant).toMatchObject({
      role: 'roles/run.invoker',
      member: 'allUsers',
      for_each: '${local.web_apps}',
    });
    expect(grant?.name).toBe('${google_cloud_run_v2_service.web_app[each.key].name}');
  });

  it("when a static host runs, then its identity holds no role anywhere (it reads only its image's files)", () => {
    const grants = Object.entries(resources)
      .filter(([type]) => type.includes('iam'))
      .flatMap(([, byName]) => Object.values(byName));
    const toHost = grants.filter((b) =>
      [b.member, ...((b.members as unknown[]) ?? [])].some((m) =>
        String(m).includes('google_service_account.web_app'),
      ),
    );
    expect(toHost).toEqual([]);
    expect(hcl).not.toMatch(/serviceAccount:\$\{google_service_account\.web_app/);
  });

  it('when Cloud Build deploys an app, then it may deploy that host and act as its account, nothing more', () => {
    const deploys = resources.google_cloud_run_v2_service_iam_member?.deployer_deploys_web_app;
    expect(deploys).toMatchObject({ role: 'roles/run.developer', for_each: '${local.web_apps}' });
    expect(deploys?.member).toBe('${google_service_account.deployer.member}');
    const actsAs = resources.google_service_account_iam_member?.deployer_acts_as_web_app;
    expect(actsAs).toMatchObject({ role: 'roles/iam.serviceAccountUser' });
    expect(actsAs?.service_account_id).toBe('${google_service_account.web_app[each.key].name}');
  });

  it('when Cloud Build deploys the apps, then it builds each into the host image and writes its config.json at deploy', () => {
    const build = readFileSync(join(REPO, 'cloudbuild.yaml'), 'utf8');
    const loops = [...build.matchAll(/for app in ([\w -]+); do/g)].map((m) =>
      m[1]!.trim().split(/\s+/).sort(),
    );
    expect(loops).toEqual([[...WEB_APPS].sort(), [...WEB_APPS].sort()]);
    expect(build).toContain('docker build -f services/web-app-host/Dockerfile --build-arg=APP=$${app}');
    expect(build).toContain('gcloud run deploy "web-$${app}"');
    expect(build).toMatch(/printf "APP_CONFIG: '%s'\\n"/);
    // The APIs the apps call allow the apps' origins.
    expect(build.match(/\|APP_ORIGINS=\$\{_APP_ORIGINS\}\|/g)).toHaveLength(3);
    for (const app of WEB_APPS)
      expect(build).toContain(`https://web-${app}-$PROJECT_NUMBER.\${_REGION}.run.app`);
  });
});
