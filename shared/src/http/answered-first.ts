import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';

/**
 * Answers a request before the app (true), or declines it (false). One that starts answering may still hand the
 * request on later by calling `pass` (say, after an async check), provided it has written nothing.
 */
export type FirstListener = (req: IncomingMessage, res: ServerResponse, pass: () => void) => boolean;

type Handle = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;

/**
 * Lets `first` answer a request before any of the app's middleware runs; what it declines goes to the app as before.
 * Express's app function does nothing but call `app.handle(req, res, next)`, so wrapping that one method puts `first`
 * in front for every way the app is served (a server, a test's `fetch`), while the app keeps all its routes, which
 * the OpenAPI tests walk. For the few requests that are most of the traffic and cheap to answer exactly.
 */
export function answeredFirst(app: Express, first: FirstListener): Express {
  const target = app as unknown as { handle: Handle };
  const rest = target.handle.bind(app);
  target.handle = (req, res, next) => {
    if (!first(req, res, () => rest(req, res, next))) rest(req, res, next);
  };
  return app;
}

/** The listeners in turn: the first that takes a request answers it. */
export const firstOf =
  (...listeners: FirstListener[]): FirstListener =>
  (req, res, pass) =>
    listeners.some((listener) => listener(req, res, pass));
