import { AppError } from '../../errors/app-error';
import { errors } from '../../errors/errors';

/** The error names an AWS SDK v3 exception carries (`name`), which the adapters translate into the catalog. */
export const awsErrorName = (err: unknown): string | null =>
  typeof err === 'object' && err !== null && typeof (err as { name?: unknown }).name === 'string'
    ? (err as { name: string }).name
    : null;

/** Anything not translated on purpose is the dependency failing: 502 with the vendor error as the cause. */
export function dependencyError(service: string, err: unknown): AppError {
  return err instanceof AppError ? err : errors.dependencyFailed(service, err);
}
