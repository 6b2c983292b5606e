/* eslint-disable no-restricted-properties -- test-runner configuration: it decides from, and publishes through, the
   environment what each test process's Google clients will read (FIRESTORE_EMULATOR_HOST, PUBSUB_EMULATOR_HOST). */
import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Vitest globalSetup: the Firestore and Pub/Sub emulators for the cloud suites.
 *
 * - A host already in the environment (an emulator started outside, e.g. by CI) is used as is; only the others start.
 * - gcloud (or its emulator components) missing: one line, and the cloud suites skip; with CI=true it fails instead,
 *   so CI can never go green without having run them.
 * - Otherwise the emulators start in parallel on free ports; their hosts go into process.env (inherited by the
 *   forked workers, and read by the Google clients) and into the provided context; teardown kills each process group.
 */

/** A cold JVM start of either emulator takes a few seconds; a minute means something is wrong. */
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

interface Emulator {
  host: string;
  stop: () => Promise<void>;
}

class EmulatorsMissing extends Error {}

/** Each emulator: its environment variable, and the gcloud command that starts it. */
const EMULATORS = {
  firestore: { env: 'FIRESTORE_EMULATOR_HOST', command: ['emulators', 'firestore', 'start'] },
  pubsub: { env: 'PUBSUB_EMULATOR_HOST', command: ['beta', 'emulators', 'pubsub', 'start'] },
} as const;
type EmulatorName = keyof typeof EMULATORS;
const NAMES = Object.keys(EMULATORS) as EmulatorName[];

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // An emulator already named in the environment (started outside, e.g. by CI) is used as is.
  const missing = NAMES.filter((name) => !process.env[EMULATORS[name].env]);
  try {
    if (missing.length > 0 && !(await onPath('gcloud'))) throw new EmulatorsMissing('gcloud is not on PATH');
    const started = await startAll(missing);
    for (const [name, emulator] of started) process.env[EMULATORS[name].env] = emulator.host;
    const host = (name: EmulatorName): string => process.env[EMULATORS[name].env]!;
    project.provide('emulators', { firestore: host('firestore'), pubsub: host('pubsub') });
    if (started.size === 0) return undefined;
    return async () => {
      for (const name of started.keys()) delete process.env[EMULATORS[name].env];
      await Promise.all([...started.values()].map((emulator) => emulator.stop()));
    };
  } catch (error) {
    if (!(error instanceof EmulatorsMissing)) throw error;
    if (process.env.CI === 'true') {
      throw new Error(`cloud suites cannot run on CI: gcloud emulators not installed (${error.message})`);
    }
    console.warn('cloud suites skipped: gcloud emulators not installed');
    project.provide('emulators', null);
    return undefined;
  }
}

/** Starts them at once; if one fails, the others are stopped before the error surfaces. */
async function startAll(names: EmulatorName[]): Promise<Map<EmulatorName, Emulator>> {
  const results = await Promise.allSettled(names.map((name) => startEmulator(EMULATORS[name].command)));
  const started = new Map<EmulatorName, Emulator>();
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') started.set(names[i]!, result.value);
  });
  const failure = results.find((r) => r.status === 'rejected');
  if (failure === undefined) return started;
  await Promise.all([...started.values()].map((emulator) => emulator.stop()));
  throw failure.reason;
}

async function startEmulator(command: readonly string[]): Promise<Emulator> {
  const host = `127.0.0.1:${await freePort()}`;
  const child = spawn('gcloud', [...command, `--host-port=${host}`], {
    // Its own process group: gcloud (python) starts a JVM, and teardown must reach both.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      METADATA_SERVER_DETECTION: 'none',
      // A missing component must fail here, not prompt for (or start) an installation.
      CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
    },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopGroup(child);
  };
  try {
    await waitUntilAnswering(host, child, () => output);
  } catch (error) {
    await stop();
    if (
      /components? (install|are not installed|is not installed)|not currently have this command/i.test(output)
    ) {
      throw new EmulatorsMissing(`${command.join(' ')}: component missing`);
    }
    throw error;
  }
  return { host, stop };
}

async function waitUntilAnswering(host: string, child: ChildProcess, output: () => string): Promise<void> {
  const name = `emulator on ${host}`;
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${name} exited (${child.exitCode ?? child.signalCode}) before answering:\n${output()}`,
      );
    }
    try {
      await fetch(`http://${host}/`, { signal: AbortSignal.timeout(1_000) });
      return; // any HTTP answer means the server is up
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`${name} did not answer within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output()}`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** SIGTERM to the group, then SIGKILL to whatever of it is left once gcloud has exited or the grace has passed. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
  killGroup(child, 'SIGKILL');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function onPath(command: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      await access(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}
