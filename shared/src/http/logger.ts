import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';

export type Logger = PinoLogger;

const SEVERITY: Record<string, string> = {
  trace: 'DEBUG',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
  fatal: 'CRITICAL',
};

/**
 * JSON logs in the shape Cloud Logging reads: `severity`, `message`, and the trace under
 * `logging.googleapis.com/trace` (set per request by the request context).
 */
export function createLogger(
  options: { service?: string; level?: string },
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      // The all-in-one runner names no service: each service's child logger does.
      base: options.service ? { service: options.service } : {},
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ severity: SEVERITY[label] ?? 'DEFAULT' }),
      },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

/** A logger that writes nothing: for tests that do not look at logs. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
