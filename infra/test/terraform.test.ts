import { parse } from '@cdktf/hcl2json';
import { Storage } from '@google-cloud/storage';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '@photo/shared/events/catalog';
import { DEAD_LETTER_TOPIC, PUBLISHED_TOPICS, SUBSCRIPTIONS, TOPICS } from '@photo/shared/events/topology';
import { GcsBlobStore } from '@photo/shared/adapters/gcp/blob-store.gcs';
import { retryWindowSeconds } from '@photo/shared/bus/delivery-policy';
import { newImageId } from '@photo/shared/domain/ids';
import { variantBlobKey, type ImageVariant } from '@photo/shared/domain/image';
import { lookImageId } from '@photo/shared/pipeline/look';

/**
 * The Terraform in infra/, parsed with hcl2json (no provider, no cloud): the Pub/Sub topology matches the one the
 * code runs (shared/src/events/topology.ts), pushes are authenticated, only the public services are public, and
 * storage and Firestore are configured as the code expects.
 */

const INFRA = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Called by phones and consoles directly (the face gallery by visitors' apps, without login). */
const PUBLIC_SERVICES = ['backend-api', 'image-server', 'gallery-api'];
/** The deployed services: the public ones and every service Pub/Sub pushes to. */
const SERVICES = [...new Set([...PUBLIC_SERVICES, ...SUBSCRIPTIONS.map((s) => s.service)])];
const UPLOADS_TOPIC = 'uploads-finalized';

type Block = Record<string, unknown>;
interface Instance {
  address: string;
  body: Block;
  each: { key: string; value: unknown } | null;
}

let locals: Block = {};
const variables: Record<string, Block> = {};
const resources: Record<string, Record<string, Block>> = {};

const isObject = (v: unknown): v is Block => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A nested block (hcl2json renders every block as a list of bodies). */
const block = (body: Block | undefined, name: string): Block | undefined => {
  const value = body?.[name];
  return Array.isArray(value) && isObject(value[0]) ? value[0] : undefined;
};

/** The value of a reference path such as `each.value.topic`, `local.a.b` or `var.x` (its default). */
function lookupPath(path: string, each: Instance['each']): unknown {
  const parts = path.split('.');
  let value: unknown;
  let rest: string[];
  if (parts[0] === 'each' && parts[1] === 'key') return each?.key;
  if (parts[0] === 'each' && parts[1] === 'value') [value, rest] = [each?.value, parts.slice(2)];
  else if (parts[0] === 'local') [value, rest] = [locals, parts.slice(1)];
  else if (parts[0] === 'var' && parts.length === 2) return variables[parts[1]!]?.default;
  else return undefined;
  for (const part of rest) value = isObject(value) ? value[part] : undefined;
  return value;
}

/** Evaluates literals, `${path}` and strings interpolating simple paths; anything else stays undefined. */
function evaluate(value: unknown, each: Instance['each'] = null): unknown {
  if (typeof value !== 'string' || !value.includes('${')) return value;
  const whole = /^\$\{([\w.-]+)\}$/.exec(value);
  if (whole) return lookupPath(whole[1]!, each);
  let unresolved = false;
  const text = value.replace(/\$\{([^}]*)\}/g, (_, path: string) => {
    const v = /^[\w.-]+$/.test(path) ? lookupPath(path, each) : undefined;
    if (v === undefined || isObject(v)) unresolved = true;
    return String(v);
  });
  return unresolved ? undefined : text;
}

/** `${some_type.name[INDEX].attr}` → the resource address and the evaluated index. */
function indexedRef(
  value: unknown,
  each: Instance['each'],
): { ref: string; key: unknown; attr: string } | null {
  const m = typeof value === 'string' ? /^\$\{([\w.]+)\[([^\]]+)\]\.?([\w.]*)\}/.exec(value) : null;
  if (!m) return null;
  const index = m[2]!;
  const key = /^"(.*)"$/.test(index) ? index.slice(1, -1) : lookupPath(index, each);
  return { ref: m[1]!, key, attr: m[3]! };
}

/** Every instance of every resource of a type: for_each over a local map, set or list expands to its entries. */
function instances(type: string): Instance[] {
  return Object.entries(resources[type] ?? {}).flatMap(([name, body]): Instance[] => {
    const forEach = body.for_each;
    if (forEach === undefined) return [{ address: `${type}.${name}`, body, each: null }];
    const fromLocal =
      typeof forEach === 'string' ? /^\$\{(?:toset\()?local\.(\w+)\)?\}$/.exec(forEach) : null;
    const inline = typeof forEach === 'string' ? /^\$\{toset\(\[([^\]]*)\]\)\}$/.exec(forEach) : null;
    const collection = fromLocal
      ? locals[fromLocal[1]!]
      : inline
        ? [...inline[1]!.matchAll(/"([^"]*)"/g)].map((q) => q[1]!)
        : undefined;
    if (Array.isArray(collection)) {
      return collection.map((key: string) => ({
        address: `${type}.${name}["${key}"]`,
        body,
        each: { key, value: key },
      }));
    }
    if (isObject(collection)) {
      return Object.entries(collection).map(([key, value]) => ({
        address: `${type}.${name}["${key}"]`,
        body,
        each: { key, value },
      }));
    }
    return [{ address: `${type}.${name}[*]`, body, each: null }];
  });
}

const seconds = (duration: unknown) => Number(String(duration).replace(/s$/, ''));

beforeAll(async () => {
  const files = readdirSync(INFRA).filter((f) => f.endsWith('.tf'));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const json = (await parse(file, readFileSync(join(INFRA, file), 'utf8'))) as Block;
    for (const l of (json.locals as Block[] | undefined) ?? []) locals = { ...locals, ...l };
    for (const [name, bodies] of Object.entries((json.variable as Record<string, Block[]>) ?? {}))
      variables[name] = bodies[0]!;
    for (const [type, byName] of Object.entries(
      (json.resource as Record<string, Record<string, Block[]>>) ?? {},
    )) {
      const ofType = (resources[type] ??= {});
      for (const [name, bodies] of Object.entries(byName)) ofType[name] = bodies[0]!;
    }
  }
});

describe('Pub/Sub', () => {
  const subscriptions = () =>
    instances('google_pubsub_subscription').map((i) => {
      const push = block(i.body, 'push_config');
      const retry = block(i.body, 'retry_policy');
      const deadLetter = block(i.body, 'dead_letter_policy');
      return {
        ...i,
        name: evaluate(i.body.name, i.each) as string,
        topic: indexedRef(i.body.topic, i.each)?.key,
        ackDeadlineSeconds: evaluate(i.body.ack_deadline_seconds, i.each),
        ordered: evaluate(i.body.enable_message_ordering, i.each) ?? false,
        minBackoffSeconds: retry ? seconds(evaluate(retry.minimum_backoff, i.each)) : undefined,
        maxBackoffSeconds: retry ? seconds(evaluate(retry.maximum_backoff, i.each)) : undefined,
        deadLetter: deadLetter && {
          topic: indexedRef(deadLetter.dead_letter_topic, i.each)?.key,
          maxDeliveryAttempts: evaluate(deadLetter.max_delivery_attempts, i.each),
        },
        push,
        oidc: block(push, 'oidc_token'),
        target: push ? indexedRef(push.push_endpoint, i.each) : null,
      };
    });

  it('when topology.ts names a subscription, then Terraform declares it with the same topic, deadline, attempts and ordering', () => {
    const declared = subscriptions();
    expect(declared.map((s) => s.name).sort()).toEqual(SUBSCRIPTIONS.map((s) => s.name).sort());
    for (const spec of SUBSCRIPTIONS) {
      const sub = declared.find((s) => s.name === spec.name)!;
      expect({ name: sub.name, topic: sub.topic, ack: sub.ackDeadlineSeconds, ordered: sub.ordered }).toEqual(
        {
          name: spec.name,
          topic: spec.topic,
          ack: spec.ackDeadlineSeconds,
          ordered: spec.ordered,
        },
      );
      expect([sub.minBackoffSeconds, sub.maxBackoffSeconds], spec.name).toEqual([
        spec.minBackoffSeconds,
        spec.maxBackoffSeconds,
      ]);
      // The dead-letter subscription retries without a cap, as the embedded bus does (see infra/pubsub.tf).
      if (spec.topic !== DEAD_LETTER_TOPIC)
        expect(sub.deadLetter?.maxDeliveryAttempts, spec.name).toBe(spec.maxDeliveryAttempts);
      expect(sub.target?.key, `${spec.name} pushes to`).toBe(spec.service);
    }
  });

  it('when a subscription filters on attributes, then Terraform filters the same way', () => {
    const byName = locals.subscriptions as Record<string, { filter?: Record<string, string> }>;
    for (const spec of SUBSCRIPTIONS.filter((s) => s.topic !== DEAD_LETTER_TOPIC)) {
      expect(byName[spec.name]?.filter ?? {}, spec.name).toEqual(spec.filter ?? {});
    }
    expect(SUBSCRIPTIONS.find((s) => s.topic === DEAD_LETTER_TOPIC)?.filter).toBeUndefined();
    const push = resources.google_pubsub_subscription?.push;
    expect(push?.filter).toMatch(/for k, v in each\.value\.filter : "attributes\.\$\{k\} = \\"\$\{v\}\\""/);
  });

  it('when a delivery keeps failing, then every subscription but the dead letters one dead-letters it; all back off', () => {
    for (const sub of subscriptions()) {
      expect(sub.minBackoffSeconds, sub.address).toBeGreaterThan(0);
      expect(sub.maxBackoffSeconds, sub.address).toBeLessThanOrEqual(600);
      if (sub.topic === DEAD_LETTER_TOPIC) {
        expect(sub.deadLetter, `${sub.address} must not dead-letter dead letters`).toBeUndefined();
      } else {
        expect(sub.deadLetter?.topic, sub.address).toBe(DEAD_LETTER_TOPIC);
        expect(sub.deadLetter?.maxDeliveryAttempts, sub.address).toBeGreaterThanOrEqual(5);
      }
    }
  });

  it('when Pub/Sub pushes, then it signs an OIDC token of the push account for the target service URL', () => {
    for (const sub of subscriptions()) {
      expect(sub.push, sub.address).toBeDefined();
      expect(sub.push?.push_endpoint, sub.address).toMatch(
        /^\$\{local\.service_urls\[[^\]]+\]\}\/pubsub\/push$/,
      );
      expect(sub.oidc?.service_account_email, sub.address).toBe(
        '${google_service_account.pubsub_push.email}',
      );
      expect(indexedRef(sub.oidc?.audience, sub.each)?.key, sub.address).toBe(sub.target?.key);
    }
  });

  it('when Pub/Sub dead-letters, then its service agent may publish dead letters and ack every source subscription', () => {
    const publish = resources.google_pubsub_topic_iam_member?.pubsub_agent_publishes_dead_letters;
    expect(publish?.role).toBe('roles/pubsub.publisher');
    expect(publish?.member).toBe('${local.pubsub_agent}');
    expect(indexedRef(publish?.topic, null)?.key).toBe(DEAD_LETTER_TOPIC);
    const ack = resources.google_pubsub_subscription_iam_member?.pubsub_agent_acks_sources;
    expect(ack?.for_each).toBe('${google_pubsub_subscription.push}');
    expect(ack?.role).toBe('roles/pubsub.subscriber');
    expect(ack?.member).toBe('${local.pubsub_agent}');
    expect(locals.pubsub_agent).toMatch(/@gcp-sa-pubsub\.iam\.gserviceaccount\.com$/);
    const mint = resources.google_service_account_iam_member?.pubsub_agent_mints_push_tokens;
    expect(mint?.role).toBe('roles/iam.serviceAccountTokenCreator');
    expect(mint?.service_account_id).toBe('${google_service_account.pubsub_push.name}');
  });

  it('when the code publishes an event, then its topic exists, and uploads-finalized too', () => {
    const topics = locals.topics as string[];
    expect(resources.google_pubsub_topic?.topic?.for_each).toBe('${toset(local.topics)}');
    for (const topic of [...TOPICS, ...Object.values(catalog).map((e) => e.topic), UPLOADS_TOPIC])
      expect(topics).toContain(topic);
  });

  it('when a service receives pushes, then the push account may invoke it', () => {
    const invoker = resources.google_cloud_run_v2_service_iam_member?.push_invoker;
    expect(invoker?.role).toBe('roles/run.invoker');
    expect(invoker?.member).toBe('${google_service_account.pubsub_push.member}');
    const targets = instances('google_cloud_run_v2_service_iam_member')
      .filter((i) => i.body === invoker)
      .map((i) => indexedRef(i.body.name, i.each)?.key);
    expect(new Set(targets)).toEqual(new Set(SUBSCRIPTIONS.map((s) => s.service)));
  });
});

describe('Cloud Run', () => {
  // The backend's services; the web apps' static hosts are web-apps.test.ts's.
  const services = () =>
    instances('google_cloud_run_v2_service')
      .filter((i) => i.address.startsWith('google_cloud_run_v2_service.service['))
      .map((i) => ({ ...i, name: evaluate(i.body.name, i.each) }));

  it('when the services are declared, then they are the public ones and every push target, each with its own account', () => {
    const declared = services();
    expect(declared.map((s) => s.name).sort()).toEqual([...SERVICES].sort());
    const accounts = declared.map((s) => {
      const ref = indexedRef(block(s.body, 'template')?.service_account, s.each);
      expect(ref?.ref, s.address).toBe('google_service_account.service');
      const [, name] = ref!.ref.split('.');
      const account = instances('google_service_account').find(
        (a) => a.address.startsWith(`google_service_account.${name}[`) && a.each?.key === ref!.key,
      );
      return evaluate(account?.body.account_id, account?.each ?? null);
    });
    // cloudbuild.yaml deploys each service as SERVICE@PROJECT.iam.gserviceaccount.com.
    expect(accounts).toEqual(declared.map((s) => s.name));
    expect(new Set(accounts).size).toBe(declared.length);
  });

  it("when anyone may invoke a service, then it is one of the public services (backend API, image server, face gallery) or a web app's static host", () => {
    const grants = Object.keys(resources)
      .filter((type) => type.includes('iam'))
      .flatMap(instances)
      .filter((i) =>
        [i.body.member, ...((i.body.members as unknown[]) ?? [])].some(
          (m) => m === 'allUsers' || m === 'allAuthenticatedUsers',
        ),
      );
    for (const grant of grants) {
      expect(grant.address).toMatch(/^google_cloud_run_v2_service_iam_member\./);
      expect(grant.body.role).toBe('roles/run.invoker');
    }
    const refs = grants.map((g) => indexedRef(g.body.name, g.each));
    const publicServices = refs
      .filter((r) => r?.ref === 'google_cloud_run_v2_service.service')
      .map((r) => r!.key);
    expect(publicServices.sort()).toEqual([...PUBLIC_SERVICES].sort());
    // The others host the web apps' public files only (web-apps.test.ts).
    for (const ref of refs.filter((r) => r?.ref !== 'google_cloud_run_v2_service.service'))
      expect(ref?.ref).toBe('google_cloud_run_v2_service.web_app');
  });

  it('when the backend calls the image server, then its service account may invoke it', () => {
    const grant = resources.google_cloud_run_v2_service_iam_member?.backend_invokes_image_server;
    expect(indexedRef(grant?.name, null)?.key).toBe('image-server');
    expect(indexedRef(grant?.member, null)?.key).toBe('backend-api');
  });

  it('when Cloud Scheduler calls the dispatch task every minute, then it signs as its own account for the worker URL, which may invoke it', () => {
    const job = resources.google_cloud_scheduler_job?.notification_dispatch;
    expect(job?.schedule).toBe('* * * * *');
    const target = block(job, 'http_target');
    expect(target?.http_method).toBe('POST');
    expect(target?.uri).toBe('${local.service_urls["notification-worker"]}/tasks/dispatch');
    const oidc = block(target, 'oidc_token');
    expect(oidc?.service_account_email).toBe('${google_service_account.scheduler.email}');
    expect(indexedRef(oidc?.audience, null)?.key).toBe('notification-worker');
    const grant = resources.google_cloud_run_v2_service_iam_member?.scheduler_invokes_notification_worker;
    expect(grant?.role).toBe('roles/run.invoker');
    expect(indexedRef(grant?.name, null)?.key).toBe('notification-worker');
    expect(grant?.member).toBe('${google_service_account.scheduler.member}');
  });

  it.each([
    ['image server', 'store_reconcile', 'image-server', 'reconcile_scheduler_invokes_image_server'],
    ['face gallery', 'gallery_reconcile', 'gallery-api', 'reconcile_scheduler_invokes_gallery'],
  ])(
    "when Cloud Scheduler calls the %s's reconcile task every hour, then it signs as the reconcile account for that service's URL, which may invoke it",
    (_label, jobName, service, grantName) => {
      const job = resources.google_cloud_scheduler_job?.[jobName];
      expect(job?.schedule).toMatch(/^\d+ \* \* \* \*$/);
      const target = block(job, 'http_target');
      expect(target?.http_method).toBe('POST');
      expect(target?.uri).toBe(`\${local.service_urls["${service}"]}/tasks/reconcile`);
      const oidc = block(target, 'oidc_token');
      expect(oidc?.service_account_email).toBe('${google_service_account.reconcile_scheduler.email}');
      expect(indexedRef(oidc?.audience, null)?.key).toBe(service);
      const grant = resources.google_cloud_run_v2_service_iam_member?.[grantName];
      expect(grant?.role).toBe('roles/run.invoker');
      expect(indexedRef(grant?.name, null)?.key).toBe(service);
      expect(grant?.member).toBe('${google_service_account.reconcile_scheduler.member}');
    },
  );

  it('when services touch data, then only what they need: no bucket for the backend, secrets for the backend and the notification worker only', () => {
    const bucketUsers = instances('google_storage_bucket_iam_member').map(
      (i) => indexedRef(i.body.member, i.each)?.key,
    );
    expect(bucketUsers).not.toContain('backend-api');
    for (const worker of ['image-server', 'clustering-worker', 'generation-worker', 'processing-worker'])
      expect(bucketUsers).toContain(worker);
    const secretReaders = instances('google_secret_manager_secret_iam_member')
      .filter((i) => i.body.role === 'roles/secretmanager.secretAccessor')
      .filter((i) => String(i.body.member).includes('google_service_account.service['))
      .map((i) => indexedRef(i.body.member, i.each)?.key);
    // The notification worker's channels need theirs (VAPID keys, SMTP URL, SMS token); the backend reads the VAPID
    // public key besides its own.
    expect(new Set(secretReaders)).toEqual(new Set(['backend-api', 'notification-worker']));
    const projectRoles = instances('google_project_iam_member').filter((i) =>
      String(i.body.member).includes('google_service_account.service['),
    );
    expect(new Set(projectRoles.map((i) => i.body.role))).toEqual(new Set(['roles/datastore.user']));
  });
});

describe('Cloud Storage', () => {
  it('when the images bucket is created, then access is uniform, never public, and uploads/ expires after 2 days', () => {
    const bucket = resources.google_storage_bucket?.images;
    expect(bucket?.uniform_bucket_level_access).toBe(true);
    expect(bucket?.public_access_prevention).toBe('enforced');
    const rules = (bucket?.lifecycle_rule as Block[]).map((r) => ({
      condition: block(r, 'condition'),
      action: block(r, 'action'),
    }));
    const uploads = rules.find((r) =>
      (r.condition?.matches_prefix as string[] | undefined)?.includes('uploads/'),
    );
    expect(uploads?.action?.type).toBe('Delete');
    expect(evaluate(uploads?.condition?.age)).toBe(2);
  });

  it("when a browser PUTs to a signed upload URL from a web app's origin, then the CORS policy allows every header the signer requires", async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const storage = new Storage({
      projectId: 'cors-test',
      credentials: {
        client_email: 'image-server@cors-test.iam.gserviceaccount.com',
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    });
    const upload = await new GcsBlobStore(storage, 'bucket').signedUploadUrl('uploads/u1', {
      contentType: 'image/jpeg',
      maxBytes: 25_000_000,
      expiresSeconds: 900,
    });
    // What the browser must send: the headers the signer hands out, and every header the signature binds.
    const signed = new URL(upload.url).searchParams.get('X-Goog-SignedHeaders')!.split(';');
    const required = new Set(
      [...Object.keys(upload.headers), ...signed].map((h) => h.toLowerCase()).filter((h) => h !== 'host'),
    );
    expect(required).toEqual(
      new Set(['content-type', 'x-goog-content-length-range', 'x-goog-if-generation-match']),
    );

    const bucket = resources.google_storage_bucket?.images;
    const cors = block(block(bucket?.dynamic as Block, 'cors'), 'content');
    expect(block(bucket?.dynamic as Block, 'cors')?.for_each).toBe(
      '${length(var.app_origins) > 0 ? [1] : []}',
    );
    expect(cors?.origin).toBe('${var.app_origins}');
    expect(cors?.method).toEqual([upload.method]);
    const allowed = (evaluate(cors?.response_header) as string[]).map((h) => h.toLowerCase());
    for (const header of required) expect(allowed, header).toContain(header);
  });

  it('when an upload finishes, then Cloud Storage announces it on uploads-finalized', () => {
    const notification = resources.google_storage_notification?.uploads_finalized;
    expect(notification?.event_types).toEqual(['OBJECT_FINALIZE']);
    expect(notification?.object_name_prefix).toBe('uploads/');
    expect(indexedRef(notification?.topic, null)?.key).toBe(UPLOADS_TOPIC);
  });
});

describe('Firestore', () => {
  const config = () =>
    JSON.parse(readFileSync(join(INFRA, 'firestore.indexes.json'), 'utf8')) as {
      indexes: Block[];
      fieldOverrides?: Block[];
    };

  it('when indexes are declared, then they come from firestore.indexes.json in the Firebase format', () => {
    expect(locals.firestore_config).toBe('${jsondecode(file("${path.module}/firestore.indexes.json"))}');
    expect(locals.firestore_indexes).toContain('for index in local.firestore_config.indexes');
    expect(resources.google_firestore_index?.index?.for_each).toBe('${local.firestore_indexes}');
    expect(existsSync(join(INFRA, 'firestore.indexes.json')), 'infra/firestore.indexes.json').toBe(true);
    const { indexes } = config();
    expect(Array.isArray(indexes)).toBe(true);
    for (const index of indexes) {
      expect(typeof index.collectionGroup).toBe('string');
      expect(['COLLECTION', 'COLLECTION_GROUP', undefined]).toContain(index.queryScope);
      for (const field of index.fields as Block[]) {
        expect(typeof field.fieldPath).toBe('string');
        expect(field.order !== undefined || field.arrayConfig !== undefined, JSON.stringify(field)).toBe(
          true,
        );
      }
    }
  });

  it('when one-time tokens expire, then a TTL policy on oneTimeTokens.expiresAt deletes them', () => {
    const adapter = readFileSync(
      join(INFRA, '../shared/src/adapters/firestore/one-time-token-repository.firestore.ts'),
      'utf8',
    );
    expect(adapter).toContain("'oneTimeTokens'");
    expect(adapter).toContain('expiresAt');
    const ttl = config().fieldOverrides?.find(
      (o) => o.collectionGroup === 'oneTimeTokens' && o.fieldPath === 'expiresAt',
    );
    expect(ttl?.ttl).toBe(true);
    const field = resources.google_firestore_field?.override;
    expect(locals.firestore_field_overrides).toContain(
      'lookup(local.firestore_config, "fieldOverrides", [])',
    );
    expect(field?.for_each).toBe('${local.firestore_field_overrides}');
    expect(evaluate(field?.collection, { key: '', value: ttl })).toBe('oneTimeTokens');
    expect(evaluate(field?.field, { key: '', value: ttl })).toBe('expiresAt');
    const dynamicTtl = block(field?.dynamic as Block, 'ttl_config');
    expect(dynamicTtl?.for_each).toBe('${lookup(each.value, "ttl", false) ? [true] : []}');
  });
});

describe('Least privilege', () => {
  const IMAGE_WORKERS = ['clustering-worker', 'generation-worker', 'processing-worker'];
  const grantsTo = (type: string, service: string) =>
    instances(type).filter((i) => indexedRef(i.body.member, i.each)?.key === service);

  /** `${join(" || ", [for prefix in LIST : "TEMPLATE"])}` rendered for one instance: the IAM condition as applied. */
  function renderCondition(expression: unknown, each: Instance['each']): string[] {
    const m = /^\$\{join\(" \|\| ", \[for prefix in ([\w.]+) : "(.*)"\]\)\}$/.exec(String(expression));
    expect(m, String(expression)).not.toBeNull();
    const prefixes = lookupPath(m![1]!, each) as string[];
    return prefixes.map((prefix) =>
      String(evaluate(m![2]!.replaceAll('\\"', '"').replaceAll('${prefix}', prefix), each)),
    );
  }

  it('when a service is not public, then its ingress is internal only (Pub/Sub push and Cloud Scheduler reach it); a public one, internal and the load balancer', () => {
    const declared = instances('google_cloud_run_v2_service').filter((i) =>
      i.address.startsWith('google_cloud_run_v2_service.service['),
    );
    expect(declared.length).toBe(SERVICES.length);
    for (const service of declared) {
      const ingress = evaluate(service.body.ingress, service.each);
      if (PUBLIC_SERVICES.includes(service.each!.key))
        expect(ingress, service.address).toBe('INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER');
      else expect(ingress, service.address).toBe('INGRESS_TRAFFIC_INTERNAL_ONLY');
    }
  });

  it('when a service publishes, then it may publish to exactly the topics of PUBLISHED_TOPICS, and nowhere else', () => {
    const declared = locals.service_publishes as Record<string, string[]>;
    expect(Object.keys(declared).sort()).toEqual([...SERVICES].sort());
    for (const service of SERVICES) {
      expect([...declared[service]!].sort(), service).toEqual([...PUBLISHED_TOPICS[service]!].sort());
      for (const topic of declared[service]!) expect(locals.topics as string[], topic).toContain(topic);
    }
    const grant = resources.google_pubsub_topic_iam_member?.service_publishes;
    expect(locals.service_topic_pairs).toContain('for service, topics in local.service_publishes');
    expect(grant?.for_each).toBe(
      '${{ for pair in local.service_topic_pairs : "${pair.service}/${pair.topic}" => pair }}',
    );
    expect(grant?.topic).toBe('${google_pubsub_topic.topic[each.value.topic].name}');
    expect(grant?.member).toBe('${google_service_account.service[each.value.service].member}');
    expect(grant?.role).toBe('roles/pubsub.publisher');
    // No other grant gives a service account anything on a topic, and none is project-wide.
    const others = Object.entries(resources.google_pubsub_topic_iam_member ?? {}).filter(
      ([name, body]) =>
        name !== 'service_publishes' && String(body.member).includes('google_service_account.service['),
    );
    expect(others).toEqual([]);
    const projectRoles = instances('google_project_iam_member').map((i) => String(i.body.role));
    expect(projectRoles.filter((r) => r.startsWith('roles/pubsub.'))).toEqual([]);
  });

  it('when an image worker touches the bucket, then only under its prefixes: reads where its inputs are, creates derived/img_…', () => {
    const objects = locals.image_worker_objects as Record<string, { reads: string[]; creates: string[] }>;
    expect(Object.keys(objects).sort()).toEqual([...IMAGE_WORKERS].sort());
    expect(locals.images_objects).toBe('projects/_/buckets/${local.images_bucket}/objects/');
    for (const worker of IMAGE_WORKERS) {
      const grants = grantsTo('google_storage_bucket_iam_member', worker);
      expect(grants.map((g) => g.body.role).sort(), worker).toEqual([
        'roles/storage.objectCreator',
        'roles/storage.objectViewer',
      ]);
      for (const grant of grants) {
        const condition = block(grant.body, 'condition');
        const names = renderCondition(condition?.expression, grant.each);
        const list =
          grant.body.role === 'roles/storage.objectCreator'
            ? objects[worker]!.creates
            : objects[worker]!.reads;
        expect(names, grant.address).toEqual(
          list.map(
            (p) => `resource.name.startsWith("projects/_/buckets/\${local.images_bucket}/objects/${p}")`,
          ),
        );
      }
      expect(objects[worker]!.creates, worker).toEqual(['derived/img_']);
      for (const prefix of objects[worker]!.reads)
        expect(['originals/', 'derived/img_'], worker).toContain(prefix);
    }
    // Derivatives are keyed derived/<image or look id>/…, and both ids are img_…; the upload pipeline's are
    // derived/uploads/…, out of the workers' reach.
    expect(newImageId()).toMatch(/^img_/);
    expect(lookImageId(newImageId(), 1, ['pal_x'], 'v_x')).toMatch(/^img_/);
    const handlers = {
      'clustering-worker': 'src/handlers/cluster-image.handler.ts',
      'generation-worker': 'src/handlers/generate-artwork.handler.ts',
      'processing-worker': 'src/handlers/recolour-look.handler.ts',
    };
    // Every derivative is stored by the one derivative job, under variantBlobKey of its target.
    const job = readFileSync(join(INFRA, '../shared/src/pipeline/derivative-job.ts'), 'utf8');
    expect(job).toMatch(/blobKey = variantBlobKey\(target\.imageId, target\.version, target\.variant,/);
    for (const [worker, file] of Object.entries(handlers)) {
      const source = readFileSync(join(INFRA, '../services', worker, file), 'utf8');
      const target = /target: \{([^}]*)\}/.exec(source)?.[1] ?? '';
      expect(target, worker).toMatch(/(^|[\s,{])(imageId[,\s]|imageId: lookId|\.\.\.event)/);
      const variant = /variant: '(\w+)'/.exec(target)?.[1];
      expect(variant, worker).toBeDefined();
      expect(variantBlobKey(newImageId(), 1, variant as ImageVariant, 'x.png'), worker).toMatch(
        /^derived\/img_/,
      );
    }
  });

  it('when the upload pipeline touches the bucket, then only uploads/, derived/uploads/ and quarantine/', () => {
    const grants = grantsTo('google_storage_bucket_iam_member', 'upload-pipeline');
    expect(grants).toHaveLength(1);
    const condition = block(grants[0]!.body, 'condition');
    expect(locals.upload_pipeline_prefixes).toEqual(['uploads/', 'derived/uploads/', 'quarantine/']);
    expect(condition?.expression).toContain(
      'for prefix in local.upload_pipeline_prefixes : "resource.name.startsWith',
    );
    expect(condition?.expression).toContain('objectListPrefix');
    expect(grants[0]!.body.role).toBe('roles/storage.objectUser');
  });

  it('when a bucket grant has no condition, then it is the image server (it signs uploads and reconciles) or a reader', () => {
    const unconditioned = instances('google_storage_bucket_iam_member').filter(
      (i) => !block(i.body, 'condition'),
    );
    for (const grant of unconditioned) {
      const who = indexedRef(grant.body.member, grant.each)?.key;
      if (who === 'image-server') expect(grant.body.role).toBe('roles/storage.objectUser');
      else expect(grant.body.role, `${grant.address} (${who})`).toBe('roles/storage.objectViewer');
    }
    const admins = instances('google_storage_bucket_iam_member').filter(
      (i) => i.body.role === 'roles/storage.objectAdmin',
    );
    expect(admins.map((a) => a.address)).toEqual([]);
  });

  it('when Cloud Build deploys, then the deployer is run.developer on each service, not project-wide', () => {
    const projectRoles = instances('google_project_iam_member').filter((i) =>
      String(i.body.member).includes('google_service_account.deployer.'),
    );
    expect(projectRoles.map((i) => i.body.role)).toEqual(['roles/logging.logWriter']);
    // On the backend's services (the web apps' static hosts: web-apps.test.ts).
    const developer = instances('google_cloud_run_v2_service_iam_member').filter(
      (i) =>
        i.body.role === 'roles/run.developer' &&
        indexedRef(i.body.name, i.each)?.ref === 'google_cloud_run_v2_service.service',
    );
    expect(developer.map((i) => i.body.member)).toEqual(
      SERVICES.map(() => '${google_service_account.deployer.member}'),
    );
    expect(developer.map((i) => indexedRef(i.body.name, i.each)?.key).sort()).toEqual([...SERVICES].sort());
    // Deploys never change IAM: no run.admin anywhere for it.
    const admin = Object.keys(resources)
      .filter((type) => type.includes('iam'))
      .flatMap(instances)
      .filter(
        (i) =>
          i.body.member === '${google_service_account.deployer.member}' && i.body.role === 'roles/run.admin',
      );
    expect(admin.map((i) => i.address)).toEqual([]);
  });
});

describe('Bursts', () => {
  // docs/scaling.md: an operator drops 500 images; a 24 MP job takes ~10 s.
  const BURST_IMAGES = 500;
  const SECONDS_PER_JOB = 10;

  it('when an operator drops 500 images, then no subscription gives up before they drain through even one job slot', () => {
    for (const spec of SUBSCRIPTIONS.filter((s) => s.topic !== DEAD_LETTER_TOPIC))
      expect(retryWindowSeconds(spec), spec.name).toBeGreaterThanOrEqual(BURST_IMAGES * SECONDS_PER_JOB);
  });

  const policies = () => instances('google_monitoring_alert_policy');
  const conditionsOf = (policy: Instance) =>
    (policy.body.conditions as Block[]).map((c) => ({ ...c, threshold: block(c, 'condition_threshold') }));

  it('when a message waits longer than a burst takes, then an alert fires well before anything is dead-lettered', () => {
    const age = policies()
      .flatMap(conditionsOf)
      .find((c) => String(c.threshold?.filter).includes('subscription/oldest_unacked_message_age'));
    expect(age?.threshold?.filter).toContain('resource.type = "pubsub_subscription"');
    const threshold = Number(evaluate(age?.threshold?.threshold_value));
    expect(threshold).toBeGreaterThan((BURST_IMAGES * SECONDS_PER_JOB) / 100);
    const shortestWindow = Math.min(...SUBSCRIPTIONS.map((s) => retryWindowSeconds(s)));
    expect(threshold).toBeLessThan(shortestWindow / 2);
  });

  it('when messages are dead-lettered or the dead letters back up, then an alert fires', () => {
    const conditions = policies().flatMap(conditionsOf);
    const published = conditions.find((c) =>
      String(c.threshold?.filter).includes('topic/send_message_operation_count'),
    );
    expect(published?.threshold?.filter).toContain('topic_id = "${local.dead_letter_topic}"');
    expect(evaluate(published?.threshold?.threshold_value)).toBe(0);
    const backlog = conditions.find((c) =>
      String(c.threshold?.filter).includes('subscription/num_undelivered_messages'),
    );
    expect(backlog?.threshold?.filter).toContain(
      'subscription_id = "${local.dead_letter_subscription.name}"',
    );
    expect((locals.dead_letter_subscription as Block).name).toBe(
      SUBSCRIPTIONS.find((s) => s.topic === DEAD_LETTER_TOPIC)?.name,
    );
    for (const policy of policies())
      expect(policy.body.notification_channels, policy.address).toBe('${var.alert_notification_channels}');
  });
});

describe('Firestore recovery', () => {
  it('when the database is created, then point-in-time recovery is on and a daily backup is kept 7 days or more', () => {
    const database = resources.google_firestore_database?.default;
    expect(database?.point_in_time_recovery_enablement).toBe('POINT_IN_TIME_RECOVERY_ENABLED');
    const schedules = instances('google_firestore_backup_schedule');
    expect(schedules).toHaveLength(1);
    const schedule = schedules[0]!.body;
    expect(schedule.database).toBe('${google_firestore_database.default.name}');
    expect(block(schedule, 'daily_recurrence')).toBeDefined();
    expect(schedule.retention).toBe('${var.firestore_backup_retention_days * 86400}s');
    expect(Number(variables.firestore_backup_retention_days?.default)).toBeGreaterThanOrEqual(7);
  });

  it('when the restore drill is documented, then it restores a backup into its own database and checks it', () => {
    const operations = readFileSync(join(INFRA, '../docs/operations.md'), 'utf8');
    expect(operations).toContain('gcloud firestore databases restore --source-backup=');
    expect(operations).toContain('FIRESTORE_DATABASE=restore-drill');
  });
});

describe('The edge', () => {
  const edge = () => locals.edge_services as Record<string, { requests_per_minute_per_ip: number }>;

  it('when a service is public, then the load balancer serves it on its domain over HTTPS, through its Cloud Armor policy', () => {
    expect(Object.keys(edge()).sort()).toEqual([...PUBLIC_SERVICES].sort());
    for (const type of ['google_compute_region_network_endpoint_group', 'google_compute_backend_service'])
      for (const instance of instances(type))
        expect(instance.body.for_each, instance.address).toBe('${local.edge_services}');
    const neg = resources.google_compute_region_network_endpoint_group?.service;
    expect(neg?.network_endpoint_type).toBe('SERVERLESS');
    expect(block(neg, 'cloud_run')?.service).toBe('${google_cloud_run_v2_service.service[each.key].name}');
    expect(block(resources.google_compute_region_network_endpoint_group?.canary, 'cloud_run')?.tag).toBe(
      'canary',
    );
    for (const name of ['service', 'canary']) {
      const backend = resources.google_compute_backend_service?.[name];
      expect(backend?.load_balancing_scheme).toBe('EXTERNAL_MANAGED');
      expect(backend?.security_policy, name).toBe('${google_compute_security_policy.edge[each.key].id}');
      expect(block(backend, 'backend')?.group).toBe(
        `\${google_compute_region_network_endpoint_group.${name}[each.key].id}`,
      );
    }
    const urlMap = resources.google_compute_url_map?.edge;
    const hostRule = block(urlMap?.dynamic as Block, 'host_rule');
    expect(hostRule?.for_each).toBe('${local.edge_services}');
    expect(block(hostRule, 'content')?.hosts).toEqual(['${var.public_domains[host_rule.key]}']);
    const https = resources.google_compute_global_forwarding_rule?.https;
    expect(https?.port_range).toBe('443');
    expect(https?.target).toBe('${google_compute_target_https_proxy.edge.id}');
    expect(resources.google_compute_target_https_proxy?.edge?.ssl_certificates).toEqual([
      '${google_compute_managed_ssl_certificate.edge.id}',
    ]);
    expect(block(resources.google_compute_managed_ssl_certificate?.edge, 'managed')?.domains).toBe(
      '${[for service in keys(local.edge_services) : var.public_domains[service]]}',
    );
  });

  it('when one address floods a public service, then Cloud Armor answers 429 past its per-minute limit; only internal routes skip it', () => {
    for (const [service, limits] of Object.entries(edge())) {
      expect(limits.requests_per_minute_per_ip, service).toBeGreaterThan(0);
      expect(limits.requests_per_minute_per_ip, service).toBeLessThanOrEqual(10_000);
    }
    const policy = resources.google_compute_security_policy?.edge;
    expect(policy?.for_each).toBe('${local.edge_services}');
    const rules = (policy?.rule as Block[]).map((r): Block & { priority: number } => ({
      ...r,
      priority: Number(r.priority),
    }));
    const throttle = rules.find((r) => r.action === 'throttle');
    const options = block(throttle, 'rate_limit_options');
    expect(options?.exceed_action).toBe('deny(429)');
    expect(options?.enforce_on_key).toBe('IP');
    const threshold = block(options, 'rate_limit_threshold');
    expect(threshold?.count).toBe('${each.value.requests_per_minute_per_ip}');
    expect(threshold?.interval_sec).toBe(60);
    expect(block(block(throttle, 'match'), 'config')?.src_ip_ranges).toEqual(['*']);
    const before = rules.filter((r) => r.priority < throttle!.priority);
    expect(before.map((r) => block(block(r, 'match'), 'expr')?.expression)).toEqual([
      "request.path.startsWith('/internal/')",
    ]);
    expect(Math.max(...rules.map((r) => r.priority))).toBe(2147483647);
  });
});

describe('Secrets', () => {
  it("when Cloud Build pins secret versions, then the deployer reads every secret's metadata and no secret's value", () => {
    const deployer = instances('google_secret_manager_secret_iam_member').filter(
      (i) => i.body.member === '${google_service_account.deployer.member}',
    );
    // Metadata of the mounted secrets; the value of the smoke-test client's secret only.
    expect(deployer.map((i) => i.body.role).sort()).toEqual([
      'roles/secretmanager.secretAccessor',
      'roles/secretmanager.viewer',
    ]);
    const accessor = deployer.find((i) => i.body.role === 'roles/secretmanager.secretAccessor');
    expect(accessor?.body.secret_id).toBe('${google_secret_manager_secret.smoke_test_client_secret.id}');
    const viewer = deployer.find((i) => i.body.role === 'roles/secretmanager.viewer')!;
    const covered = String(viewer.body.for_each);
    expect(covered).toContain('google_secret_manager_secret.qr_secret.id');
    expect(covered).toContain('google_secret_manager_secret.auth0_management_client_secret.id');
    expect(covered).toContain('for name, secret in google_secret_manager_secret.notification');
  });
});
