import { clusterImage } from '../../colour/cluster-image';
import type { ClusterRequest, ClusterResult } from '../../ports/image-clusterer.port';
import { SharpColourImaging } from '../sharp/colour-imaging.sharp';

const imaging = new SharpColourImaging({ paletteThreads: 0 });

/** A pool thread's task (see image-clusterer.pool.ts): the whole CPU-heavy half of clustering one image. */
export default function clusterTask(request: ClusterRequest): Promise<ClusterResult> {
  return clusterImage(imaging, request);
}
