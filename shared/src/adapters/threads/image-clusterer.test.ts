import { imageClustererContract } from '../../ports/contracts/image-clusterer.contract';
import { SharpColourImaging } from '../sharp/colour-imaging.sharp';
import { PooledImageClusterer } from './image-clusterer.pool';

imageClustererContract('sharp, on the calling thread', () => new SharpColourImaging({ paletteThreads: 0 }));
imageClustererContract('sharp, in two worker threads', () => new SharpColourImaging({ paletteThreads: 2 }));
imageClustererContract('the bare pool, one thread', () => new PooledImageClusterer({ threads: 1 }));
