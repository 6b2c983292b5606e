import { AppError } from './app-error';

/** A catalog entry: builds its error, and says what it is for the API documents (code, status, description). */
export interface CatalogEntry<A extends unknown[] = never> {
  (...args: A): AppError;
  readonly code: string;
  readonly status: number;
  /** The error explained; by default its message built from `sample` (placeholders such as `{imageId}`). */
  readonly description: string;
}

/** An entry whose code and status are read from the error it builds, so the documents cannot drift from them. */
export function custom<A extends unknown[]>(
  make: (...args: A) => AppError,
  sample: A,
  description?: string,
): CatalogEntry<A> {
  const example = make(...sample);
  return Object.assign(make, {
    code: example.code,
    status: example.status,
    description: description ?? example.message,
  });
}

/** One string argument for each `{placeholder}` of a message template, in order. */
type Placeholders<T extends string> = T extends `${string}{${string}}${infer Rest}`
  ? [string, ...Placeholders<Rest>]
  : [];

/**
 * An entry with no details: its message is `template` with each `{placeholder}` filled, in order, by an argument,
 * and the template itself describes it unless `description` does.
 */
export function entry<T extends string>(
  code: string,
  status: number,
  template: T,
  description?: string,
): CatalogEntry<Placeholders<T>> {
  const make = (...args: Placeholders<T>) => {
    let next = 0;
    return new AppError(
      code,
      status,
      template.replace(/\{\w+\}/g, () => args[next++]!),
    );
  };
  return Object.assign(make, { code, status, description: description ?? template });
}
