import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

/** A port nothing listens on right now: listen on 0, note the port, close. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface RunnerPorts {
  backend: number;
  imageServer: number;
  identity: number;
  gallery: number;
  staffApp: number;
  operatorConsole: number;
  participantApp: number;
}

export const freePorts = async (): Promise<RunnerPorts> => ({
  backend: await freePort(),
  imageServer: await freePort(),
  identity: await freePort(),
  gallery: await freePort(),
  staffApp: await freePort(),
  operatorConsole: await freePort(),
  participantApp: await freePort(),
});

export interface RunnerProcess {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` to the whole process group, as a terminal or a supervisor does. */
  signalGroup(signal: NodeJS.Signals): void;
}

/**
 * Starts the system exactly as `npm start` does, in a process group of its own (npm, and the runner npm execs),
 * on fixed ports so that a restart is reachable at the same URLs and tokens stay valid.
 */
export function startRunner(
  dataDir: string,
  ports: RunnerPorts,
  env: Record<string, string> = {},
): RunnerProcess {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: REPO_ROOT,
    detached: true,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      BACKEND_PORT: String(ports.backend),
      IMAGE_SERVER_PORT: String(ports.imageServer),
      IDENTITY_PORT: String(ports.identity),
      GALLERY_PORT: String(ports.gallery),
      STAFF_APP_PORT: String(ports.staffApp),
      OPERATOR_CONSOLE_PORT: String(ports.operatorConsole),
      PARTICIPANT_APP_PORT: String(ports.participantApp),
      ARTWORK_WIDTH: '620',
      ARTWORK_HEIGHT: '877',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return {
    child,
    output: () => out,
    exited,
    signalGroup(signal) {
      try {
        process.kill(-child.pid!, signal);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      }
    },
  };
}

/** Resolves once the runner printed its banner (every server listens); rejects if it exits first or takes too long. */
export async function ready(runner: RunnerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void runner.exited.then(() => (exited = true));
  while (!runner.output().includes('Event photo backend is running')) {
    if (exited) throw new Error(`the runner exited before it was ready:\n${runner.output()}`);
    if (Date.now() > deadline)
      throw new Error(`the runner was not ready in ${timeoutMs} ms:\n${runner.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The JSON log line with `message`, parsed (the last one if several). */
export function logLine(output: string, message: string): Record<string, unknown> | null {
  const lines = output.split('\n').filter((l) => l.startsWith('{') && l.includes(`"message":"${message}"`));
  const last = lines.at(-1);
  return last ? (JSON.parse(last) as Record<string, unknown>) : null;
}

/** Client-credentials tokens from the dev identity provider, with the secrets the banner prints. */
export async function bannerToken(
  output: string,
  identityUrl: string,
  client: 'operator' | 'staff',
): Promise<string> {
  const match = new RegExp(`"client_id":"${client}","client_secret":"([^"]+)","audience":"([^"]+)"`).exec(
    output,
  );
  if (!match) throw new Error(`no ${client} credentials in the banner`);
  const res = await fetch(`${identityUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: client,
      client_secret: match[1],
      audience: match[2],
    }),
  });
  if (res.status !== 200) throw new Error(`token for ${client}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
