import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalog } from './catalog';
import { DEAD_LETTER_TOPIC, DEAD_LETTERED_TOPICS, PUBLISHED_TOPICS, SUBSCRIPTIONS } from './topology';

/**
 * PUBLISHED_TOPICS against the code: every file a service's main.ts reaches (its own and shared code, through
 * imports) is read, and every publish in it is attributed to a topic. A service that starts publishing somewhere new
 * fails here until PUBLISHED_TOPICS, and with it the Terraform grant, says so.
 */

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const SERVICES_DIR = join(ROOT, 'services');
const OUTBOX_TOPICS = [...new Set([catalog.likeCreated.topic, catalog.likeRemoved.topic])];

/**
 * Publishes whose topic is a value rather than a catalog event: the topics each can reach, by file. A new one must be
 * added here with its reasoning.
 */
const DYNAMIC_PUBLISHES: Record<string, readonly string[]> = {
  // Poison messages of every push receiver.
  'shared/src/http/pubsub-push.routes.ts': [DEAD_LETTER_TOPIC],
  // The outbox holds likes' activity events only (shared/src/events/like-outbox.ts).
  'shared/src/bus/outbox-relay.ts': OUTBOX_TOPICS,
  // A replay goes back to the topic the dead letter came from.
  'services/backend-api/src/use-cases/dead-letters.ts': DEAD_LETTERED_TOPICS,
  // publishEvent itself: its call sites are attributed by their event.
  'shared/src/events/define-event.ts': [],
  // The embedded upload endpoint only: in the cloud, Cloud Storage receives uploads (asserted below).
  'services/image-server/src/use-cases/receive-upload.ts': [],
  // The embedded sweep's re-announcement of a local bucket's upload: in the cloud, Cloud Storage announces uploads
  // and the composition is given no local bucket (asserted below).
  'services/upload-pipeline/src/compose.ts': [],
};

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else if (spec.startsWith('@photo/shared/'))
    base = join(ROOT, 'shared/src', spec.slice('@photo/shared/'.length));
  else if (/^@photo\/[\w-]+\//.test(spec)) {
    const [, service, rest] = /^@photo\/([\w-]+)\/(.*)$/.exec(spec)!;
    base = join(SERVICES_DIR, service!, 'src', rest!);
  } else return null;
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')])
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  return null;
}

/** Every TypeScript file reachable from an entry point through static and dynamic imports. */
function reachableFiles(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      const target = resolveImport(file, m[1]!);
      if (target && !seen.has(target)) queue.push(target);
    }
  }
  return seen;
}

const eventTopic = (name: string) => (catalog as Record<string, { topic: string }>)[name]?.topic;

/** The topics a service's code publishes to, and the publishes this test cannot attribute. */
function publishedBy(service: string): { topics: Set<string>; unknown: string[] } {
  const topics = new Set<string>();
  const unknown: string[] = [];
  for (const file of reachableFiles(join(SERVICES_DIR, service, 'src/main.ts'))) {
    const path = relative(ROOT, file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/publishEvent\(\s*[\w.]+,\s*(\w+)/g)) {
      const topic = eventTopic(m[1]!);
      if (topic) topics.add(topic);
      else unknown.push(`${path}: publishEvent of ${m[1]}`);
    }
    if (/\.publish\(/.test(source)) {
      const dynamic = DYNAMIC_PUBLISHES[path];
      if (dynamic) dynamic.forEach((t) => topics.add(t));
      else unknown.push(`${path}: .publish(…)`);
    }
  }
  return { topics, unknown };
}

describe('PUBLISHED_TOPICS', () => {
  it('when the image server runs in the cloud, then it mounts no upload receiver (Cloud Storage publishes uploads)', () => {
    const compose = readFileSync(join(SERVICES_DIR, 'image-server/src/compose.ts'), 'utf8');
    expect(compose).toMatch(/uploads:\s*codec && local\s*\?/);
    expect(compose).toContain('{ signer: store.uploadTargets!, receiver: null }');
    const main = readFileSync(join(SERVICES_DIR, 'image-server/src/main.ts'), 'utf8');
    expect(main).not.toMatch(/\blocal\b/);
  });

  it('when the upload pipeline runs in the cloud, then its sweep announces nothing (Cloud Storage announces uploads)', () => {
    const compose = readFileSync(join(SERVICES_DIR, 'upload-pipeline/src/compose.ts'), 'utf8');
    expect(compose).toMatch(
      /const bucket = local\?\.reannounceBucket;[^]*\.\.\.\(bucket && \{\s*reannounce:/,
    );
    const main = readFileSync(join(SERVICES_DIR, 'upload-pipeline/src/main.ts'), 'utf8');
    expect(main).not.toMatch(/\blocal\b/);
  });

  it('when a service receives pushes, then it is listed with the dead-letter topic', () => {
    for (const service of new Set(SUBSCRIPTIONS.map((s) => s.service)))
      expect(PUBLISHED_TOPICS[service], service).toContain(DEAD_LETTER_TOPIC);
  });

  it.each(Object.keys(PUBLISHED_TOPICS))(
    'when %s publishes, then it is to exactly the topics PUBLISHED_TOPICS grants it',
    (service) => {
      const { topics, unknown } = publishedBy(service);
      expect(unknown, 'publishes this test cannot attribute to a topic').toEqual([]);
      expect([...topics].sort()).toEqual([...PUBLISHED_TOPICS[service]!].sort());
    },
  );
});
