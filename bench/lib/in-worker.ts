import { Worker } from 'node:worker_threads';

/** What a worker entry posts back once: its result, or why it failed. */
export type WorkerReply<R> = { ok: true; result: R } | { ok: false; error: string };

/**
 * Runs a worker entry with `data` and resolves what it posts back. The load driver runs in its own thread so it does
 * not queue behind the servers on one event loop. Terminated on timeout, on abort and once it has answered.
 */
export function runInWorker<R>(
  entry: URL,
  data: unknown,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    if (options.signal.aborted) return reject(new Error('aborted'));
    const worker = startWorker(entry, data);
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      settle();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`worker did not answer within ${options.timeoutMs} ms`))),
      options.timeoutMs,
    );
    const onAbort = () => finish(() => reject(new Error('aborted')));
    options.signal.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: WorkerReply<R>) =>
      finish(() => (reply.ok ? resolve(reply.result) : reject(new Error(`in worker: ${reply.error}`)))),
    );
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) =>
      finish(() => reject(new Error(`worker exited (code ${code}) without answering`))),
    );
  });
}

/**
 * tsx registers its loader on the main thread only, so a TypeScript entry gets a small bootstrap that registers it in
 * the worker first. The loader's address is resolved here, from this package, not from wherever the process started.
 */
function startWorker(entry: URL, data: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: data });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}
