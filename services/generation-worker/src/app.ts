/** The generation worker's subscriptions: posters rendered from a palette and the clustered photo. */
export const SUBSCRIPTION = 'generation-worker.generation-requested';
/** The automation rule: a clustered event image is generated when the event says so. */
export const AUTOMATION_SUBSCRIPTION = 'generation-worker.image-clustered';
