import { Router } from 'express';

export type ReadinessCheck = () => Promise<void> | void;

/**
 * `/healthz`: the process is alive. `/readyz`: every dependency answers and the service is not draining;
 * Cloud Run and the local runner stop routing to it otherwise.
 */
export function healthRoutes(checks: Record<string, ReadinessCheck>, isDraining: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  router.get('/readyz', async (_req, res) => {
    if (isDraining()) return void res.status(503).json({ status: 'draining' });
    const results: Record<string, string> = {};
    let ok = true;
    for (const [name, check] of Object.entries(checks)) {
      try {
        await check();
        results[name] = 'ok';
      } catch (err) {
        ok = false;
        results[name] = err instanceof Error ? err.message : String(err);
      }
    }
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable', checks: results });
  });
  return router;
}
