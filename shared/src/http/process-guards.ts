import type { EventEmitter } from 'node:events';
import type { Logger } from './logger';

export interface ProcessGuardOptions {
  /** More escaped errors than this within `windowMs` mean the process itself is broken: it exits. */
  maxErrors?: number;
  windowMs?: number;
  /** For tests: the emitter to guard and how to exit (the real process by default). */
  target?: EventEmitter;
  exit?: (code: number) => void;
}

const installed = new WeakSet<EventEmitter>();

/**
 * What happens to an error that escapes a request: an 'error' event on a request's stream that nobody listened to,
 * a promise rejection nobody awaited. Node's default is to exit, and on the embedded default one process holds every
 * service, so one malformed request would stop them all. Instead the error is logged at CRITICAL (with its stack and
 * where it came from) and the process keeps serving.
 *
 * The process cannot tell an error scoped to one request from one that broke shared state. Errors that keep coming
 * are the sign of the second: more than `maxErrors` within `windowMs` and it exits with status 1, for its supervisor
 * (Cloud Run, systemd, a person at the terminal) to start it again; everything it holds is durable and recovered on
 * start. Installing twice on the same process is a no-op.
 */
export function guardProcess(logger: Logger, options: ProcessGuardOptions = {}): void {
  const target = options.target ?? process;
  if (installed.has(target)) return;
  installed.add(target);
  const maxErrors = options.maxErrors ?? 10;
  const windowMs = options.windowMs ?? 60_000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let recent: number[] = [];

  const escaped = (origin: 'uncaughtException' | 'unhandledRejection') => (err: unknown) => {
    const now = Date.now();
    recent = [...recent.filter((at) => now - at < windowMs), now];
    if (recent.length > maxErrors) {
      logger.fatal(
        { err, origin, errors: recent.length, windowMs },
        `${recent.length} errors escaped their requests within ${windowMs} ms: exiting for a restart`,
      );
      exit(1);
      return;
    }
    logger.fatal(
      { err, origin },
      'an error escaped its request; the process keeps serving (a bug to fix: find what left it unhandled)',
    );
  };
  target.on('uncaughtException', escaped('uncaughtException'));
  target.on('unhandledRejection', escaped('unhandledRejection'));
}
