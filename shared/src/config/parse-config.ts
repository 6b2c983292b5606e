import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses a service's configuration once, at start, listing every problem at once, and freezes it.
 * `source` is an environment-like record; only composition roots pass `process.env`.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined>,
): Readonly<z.infer<S>> {
  // An empty variable (`SMTP_URL=`) means "not set": its default applies, or its absence is reported.
  const set = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const result = schema.safeParse(set);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Env helpers: environment values are strings; these coerce with clear messages. */
/** An empty variable (`PORT=`) means "not set", never 0 or false. */
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const env = {
  int: (fallback: number, opts: { min?: number; max?: number } = {}) =>
    z.preprocess(
      unsetIfEmpty,
      z.coerce
        .number()
        .int()
        .min(opts.min ?? Number.MIN_SAFE_INTEGER)
        .max(opts.max ?? Number.MAX_SAFE_INTEGER)
        .default(fallback),
    ),
  bool: (fallback: boolean) =>
    z.preprocess(
      unsetIfEmpty,
      z
        .enum(['true', 'false', '1', '0'])
        .default(fallback ? 'true' : 'false')
        .transform((v) => v === 'true' || v === '1'),
    ),
  url: () => z.url(),
  list: (fallback: string[]) => z.string().default(fallback.join(',')).transform(splitList),
};

/** A comma-separated setting's items, trimmed, empty ones dropped. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
