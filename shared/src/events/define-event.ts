import type { z } from 'zod';
import type { EventPublisher, OutgoingMessage, ReceivedMessage } from '../ports/event-bus.port';

export interface EventDefinition<Name extends string, S extends z.ZodType> {
  name: Name;
  topic: string;
  /** Raised when the payload changes incompatibly: a consumer refuses a version it does not know. */
  version: number;
  schema: S;
  /** The payload field whose value orders delivery (Pub/Sub ordering key), if order matters. */
  orderBy?: keyof z.infer<S> & string;
}

/** An event definition; its version is 1 unless it says otherwise. */
export const defineEvent = <Name extends string, S extends z.ZodType>(
  def: Omit<EventDefinition<Name, S>, 'version'> & { version?: number },
): EventDefinition<Name, S> => ({ version: 1, ...def });

export type PayloadOf<E> = E extends EventDefinition<string, infer S> ? z.infer<S> : never;

/** Attributes every event carries: routing without decoding, and a version to evolve payloads by. */
export const EVENT_ATTRIBUTE = 'event';
export const VERSION_ATTRIBUTE = 'version';
export const SOURCE_ATTRIBUTE = 'source';

export function encodeEvent<E extends EventDefinition<string, z.ZodType>>(
  event: E,
  payload: PayloadOf<E>,
  source: string,
): OutgoingMessage {
  const data = event.schema.parse(payload) as Record<string, unknown>;
  const message: OutgoingMessage = {
    data: Buffer.from(JSON.stringify(data)),
    attributes: {
      [EVENT_ATTRIBUTE]: event.name,
      [VERSION_ATTRIBUTE]: String(event.version),
      [SOURCE_ATTRIBUTE]: source,
    },
  };
  if (event.orderBy) message.orderingKey = String(data[event.orderBy]);
  return message;
}

export async function publishEvent<E extends EventDefinition<string, z.ZodType>>(
  publisher: EventPublisher,
  event: E,
  payload: PayloadOf<E>,
  source: string,
): Promise<string> {
  return publisher.publish(event.topic, encodeEvent(event, payload, source));
}

export type DecodeResult<T> = { ok: true; payload: T } | { ok: false; reason: string };

/** Validates a received message against its definition: a failure here is a poison message, not a retry. */
export function decodeEvent<E extends EventDefinition<string, z.ZodType>>(
  event: E,
  message: ReceivedMessage,
): DecodeResult<PayloadOf<E>> {
  const name = message.attributes[EVENT_ATTRIBUTE];
  if (name !== undefined && name !== event.name) {
    return { ok: false, reason: `expected event ${event.name}, got ${name}` };
  }
  const version = message.attributes[VERSION_ATTRIBUTE];
  if (version !== undefined && version !== String(event.version)) {
    return { ok: false, reason: `unsupported ${event.name} version ${version}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(message.data.toString('utf8'));
  } catch {
    return { ok: false, reason: 'payload is not JSON' };
  }
  const parsed = event.schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { ok: false, reason: `invalid ${event.name} payload: ${issues}` };
  }
  return { ok: true, payload: parsed.data as PayloadOf<E> };
}
