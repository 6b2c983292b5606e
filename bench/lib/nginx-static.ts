import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { basename, dirname, join } from 'node:path';

/** The nginx binary on PATH and its version (`nginx/1.22.1`), or null when there is none (the anchor is skipped). */
export function findNginx(): { version: string } | null {
  const probe = spawnSync('nginx', ['-v'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return null;
  return { version: (probe.stderr || probe.stdout).trim().replace(/^nginx version: /, '') };
}

/**
 * The ceiling anchor: nginx serving the same file with `sendfile` (the kernel copies the file to the socket, no user
 * space), one process like our one event loop (no master, so stopping it leaves no worker behind), keep-alive, no
 * access log, the same response headers. Runs in the foreground as a child of this process from a temp prefix.
 */
export async function startNginxStatic(file: string, headers: Record<string, string>, workDir: string) {
  const prefix = join(workDir, 'nginx');
  await mkdir(join(prefix, 'logs'), { recursive: true });
  const port = await freePort();
  const extra = Object.entries(headers)
    .filter(([name]) => name.toLowerCase() !== 'content-type')
    .map(([name, value]) => `add_header ${name} "${value}" always;`)
    .join(' ');
  const conf = `
${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off;
master_process off;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'logs', 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  etag off;
  server_tokens off;
  client_body_temp_path ${join(prefix, 'body')};
  proxy_temp_path ${join(prefix, 'proxy')};
  fastcgi_temp_path ${join(prefix, 'fastcgi')};
  uwsgi_temp_path ${join(prefix, 'uwsgi')};
  scgi_temp_path ${join(prefix, 'scgi')};
  types { }
  server {
    listen 127.0.0.1:${port};
    location = /photo.jpg {
      root ${dirname(file)};
      try_files /${basename(file)} =404;
      default_type ${headers['content-type'] ?? 'application/octet-stream'};
      ${extra}
    }
  }
}
`;
  const confPath = join(prefix, 'nginx.conf');
  await writeFile(confPath, conf);
  const child = spawn('nginx', ['-p', prefix, '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  try {
    await untilListening(port, child);
  } catch (err) {
    child.kill('SIGKILL');
    const log = await readFile(join(prefix, 'logs', 'error.log'), 'utf8').catch(() => '');
    throw new Error(`nginx did not start: ${(err as Error).message}\n${stderr}${log}`);
  }
  return {
    url: `http://127.0.0.1:${port}/photo.jpg`,
    close: () => stop(child),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function untilListening(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listening on ${port} after ${timeoutMs} ms`);
}

/** SIGQUIT is nginx's graceful stop; SIGKILL follows if it lingers. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGQUIT');
  });
}
