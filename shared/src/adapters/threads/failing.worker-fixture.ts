import type { ClusterRequest } from '../../ports/image-clusterer.port';

/** Tests of the pool: a task whose thread dies (`k` = 1), throws (`k` = 2) or never finishes (anything else). */
export default function failingTask(request: ClusterRequest): Promise<never> {
  if (request.k === 1) process.exit(3);
  if (request.k === 2) throw new Error('thrown in the thread');
  return new Promise<never>(() => setInterval(() => undefined, 1000));
}
