/** The clustering worker's subscription: palettes and posterised images of every uploaded image version. */
export const SUBSCRIPTION = 'clustering-worker.image-uploaded';
