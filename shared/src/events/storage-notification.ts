import type { OutgoingMessage } from '../ports/event-bus.port';

/** What Cloud Storage says about an object in a JSON_API_V1 notification (a slice of the object resource). */
export interface StoredObjectResource {
  bucket: string;
  name: string;
  generation: string;
  size: number;
  contentType: string;
  timeCreated: Date;
  /** Custom metadata set on the object. */
  metadata?: Record<string, string>;
}

/**
 * The message Cloud Storage publishes when an object is finalized (JSON_API_V1 payload format), byte for byte in
 * the fields the pipeline reads: the embedded upload endpoint publishes exactly this, so one handler serves both.
 */
export function objectFinalizedMessage(
  object: StoredObjectResource,
  notificationConfig = 'uploads',
): OutgoingMessage {
  const resource = {
    kind: 'storage#object',
    id: `${object.bucket}/${object.name}/${object.generation}`,
    name: object.name,
    bucket: object.bucket,
    generation: object.generation,
    metageneration: '1',
    contentType: object.contentType,
    size: String(object.size),
    timeCreated: object.timeCreated.toISOString(),
    updated: object.timeCreated.toISOString(),
    ...(object.metadata ? { metadata: object.metadata } : {}),
  };
  return {
    data: Buffer.from(JSON.stringify(resource)),
    attributes: {
      notificationConfig: `projects/_/buckets/${object.bucket}/notificationConfigs/${notificationConfig}`,
      eventType: 'OBJECT_FINALIZE',
      payloadFormat: 'JSON_API_V1',
      bucketId: object.bucket,
      objectId: object.name,
      objectGeneration: object.generation,
      eventTime: object.timeCreated.toISOString(),
    },
  };
}
