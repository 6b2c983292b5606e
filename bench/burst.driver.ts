import Database from 'better-sqlite3';
import { openAsBlob } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  bannerToken,
  freePorts,
  ready,
  startRunner,
  type RunnerPorts,
  type RunnerProcess,
} from '../services/local-runner/test/chaos/runner-process';

/**
 * The system as `npm start` runs it, API only (the web apps are neither served nor built, so no build takes CPU
 * from the run), with the per-caller upload limits off: one operator sends the whole burst.
 */
export const RUNNER_ENV = {
  WEB_APPS: 'false',
  RATE_UPLOADS_PER_MINUTE: '0',
  RATE_UPLOADS_PER_ADDRESS_PER_MINUTE: '0',
  LOG_LEVEL: 'warn',
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** Statuses an event image reaches once clustered (generation runs only when an operator turned it on). */
const CLUSTERED = new Set(['clustered', 'generating', 'generated', 'processed']);

export interface Burst {
  runner: RunnerProcess;
  ports: RunnerPorts;
  backend: string;
  operator: string;
}

export async function startBurstRunner(
  dataDir: string,
  env: Record<string, string> = {},
  ports?: RunnerPorts,
): Promise<Burst> {
  const fixed = ports ?? (await freePorts());
  const runner = startRunner(dataDir, fixed, { ...RUNNER_ENV, ...env });
  try {
    await ready(runner);
    const operator = await bannerToken(runner.output(), `http://127.0.0.1:${fixed.identity}`, 'operator');
    return { runner, ports: fixed, backend: `http://127.0.0.1:${fixed.backend}`, operator };
  } catch (err) {
    runner.signalGroup('SIGKILL');
    throw err;
  }
}

/** One event image sent as `POST /images`; `imageId` once an answer named it. */
export interface Posted {
  key: string;
  path: string;
  imageId: string | null;
  /** Why each earlier send was sent again: a status (5xx, 429) or `connection` (lost before an answer). */
  refusals: string[];
}

/**
 * Sends every image at once, each streamed from its file, and sends again one that is refused for load (429, 5xx:
 * the image server's upload slots stayed taken too long) or whose connection broke, with the same idempotency key, as
 * the console does. `alive()` false stops the retries.
 */
export async function postAll(
  burst: Pick<Burst, 'backend' | 'operator'>,
  posted: Posted[],
  alive: () => boolean = () => true,
): Promise<void> {
  await Promise.all(
    posted.map(async (p) => {
      while (p.imageId === null && alive()) {
        const res = await fetch(`${burst.backend}/images`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${burst.operator}`,
            'content-type': 'image/jpeg',
            'idempotency-key': p.key,
          },
          body: await openAsBlob(p.path),
          // No copy for a redirect: fetch would tee the body and hold every byte sent until the answer, hundreds of
          // uploads' worth in this process while the burst is refused and sent again.
          window: null,
          redirect: 'error',
        }).catch(() => null);
        const body = (await res?.json().catch(() => null)) as { images?: { imageId: string }[] } | null;
        if (res && (res.status === 200 || res.status === 201)) {
          p.imageId = body!.images![0]!.imageId;
          return;
        }
        if (res && res.status !== 429 && res.status < 500)
          throw new Error(`POST /images ${p.key} answered ${res.status}: ${JSON.stringify(body)}`);
        p.refusals.push(res ? String(res.status) : 'connection');
        const after = Number(res?.headers.get('retry-after') ?? '1');
        await sleep(Math.min(5, Number.isFinite(after) ? after : 1) * 1000);
      }
    }),
  );
}

/** Every event image's status, from the operator's listing. */
export async function eventStatuses(
  burst: Pick<Burst, 'backend' | 'operator'>,
): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  let after: string | null = null;
  do {
    const res = await fetch(`${burst.backend}/images?kind=event&limit=200${after ? `&after=${after}` : ''}`, {
      headers: { authorization: `Bearer ${burst.operator}` },
    });
    if (res.status !== 200) throw new Error(`GET /images answered ${res.status}`);
    const page = (await res.json()) as { items: { imageId: string; status: string }[]; next: string | null };
    for (const item of page.items) statuses.set(item.imageId, item.status);
    after = page.next;
  } while (after);
  return statuses;
}

/** Polls the listing until every image named is clustered; throws on a failed image or after `timeoutMs`. */
export async function untilClustered(
  burst: Pick<Burst, 'backend' | 'operator'>,
  imageIds: () => string[],
  options: { timeoutMs: number; everyMs: number; done?: () => boolean },
): Promise<number> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    const ids = imageIds();
    const statuses = await eventStatuses(burst);
    const failed = ids.filter((id) => statuses.get(id) === 'failed');
    if (failed.length > 0) throw new Error(`${failed.length} images failed, first ${failed[0]}`);
    if ((options.done?.() ?? true) && ids.every((id) => CLUSTERED.has(statuses.get(id) ?? '')))
      return performance.now();
    if (performance.now() > deadline)
      throw new Error(`not every image was clustered within ${options.timeoutMs} ms`);
    await sleep(options.everyMs);
  }
}

/**
 * The peak resident set of the system: the sum of each process's own peak (VmHWM) in the runner's process group,
 * npm's launcher left out. A sum of peaks is at least the peak of the sum, so this errs high.
 */
export async function groupPeakRss(runner: RunnerProcess): Promise<number> {
  let total = 0;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
    // Field 5 (the process group) follows the command name, which may hold spaces, in parentheses.
    if (!stat || Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== runner.child.pid) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.startsWith('npm') || cmdline.includes('npm-cli.js')) continue;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    total += Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  }
  return total;
}

/** Stops the runner as Ctrl-C does and waits for its exit. */
export async function stopRunner(runner: RunnerProcess): Promise<void> {
  runner.signalGroup('SIGTERM');
  const killer = setTimeout(() => runner.signalGroup('SIGKILL'), 30_000);
  await runner.exited;
  clearTimeout(killer);
}

/** Dead letters and undelivered bus messages in the store, read once the runner has stopped. */
export function storeCounts(dataDir: string): { deadLetters: number; backlog: number } {
  const db = new Database(join(dataDir, 'event-photo.db'), { readonly: true });
  try {
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { deadLetters: count('dead_letters'), backlog: count('bus_deliveries') };
  } finally {
    db.close();
  }
}
