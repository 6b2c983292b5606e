// Loaded into every node process of `npm start` by the soak (NODE_OPTIONS=--import); only the runner reports. Every
// few seconds one stderr line: the process's memory (heap included, which /proc cannot show) and its live handles
// by kind, so a leaked timer or socket shows as a count that only grows.
import process from 'node:process';
import { setInterval } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';

const RUNNER_MAIN = fileURLToPath(new URL('../../start.mjs', import.meta.url));

if (process.argv[1] === RUNNER_MAIN) {
  const everyMs = Number(process.env.SOAK_PROBE_MS ?? '5000');
  const timer = setInterval(() => {
    const resources = {};
    for (const kind of process.getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1;
    const line = { pid: process.pid, at: Date.now(), ...process.memoryUsage(), resources };
    process.stderr.write(`soak-probe ${JSON.stringify(line)}\n`);
  }, everyMs);
  timer.unref();
}
