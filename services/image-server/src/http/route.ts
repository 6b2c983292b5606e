import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import type { ServiceCallerVerifier } from '@photo/shared/auth/service-verifier';
import { errors } from '@photo/shared/errors/errors';
import {
  mountRoute,
  routeConfig,
  type AccessDoc,
  type HttpContract,
  type RouteHandler,
} from '@photo/shared/http/contract';
import { requestContext } from '@photo/shared/http/request-context';

/**
 * Who may call an image server route: anyone (phones redeeming links, browsers uploading to a signed target), another
 * service (a Google ID token of an ALLOWED_CALLERS account), or Cloud Scheduler (SCHEDULER_SERVICE_ACCOUNT's token).
 */
export type ImageServerAccess = 'public' | 'service' | 'scheduler';

export interface ImageServerContract extends HttpContract<ImageServerAccess> {
  /**
   * Path parameters that are any string (a link's token, an upload's policy): the use case answers an unknown one,
   * so they imply no 400.
   */
  opaqueParams?: true;
}

export const defineRoute = <const C extends ImageServerContract>(contract: C): C => contract;

type Caller = Awaited<ReturnType<ServiceCallerVerifier['verify']>>;
type CallerOf<A extends ImageServerAccess> = A extends 'public' ? null : Caller;

/** Mounts image server routes from their contracts: the caller's token as the access demands, then the request. */
export function imageServerRouteMounter(
  verifiers: Partial<Record<'service' | 'scheduler', ServiceCallerVerifier>>,
) {
  return function route<C extends ImageServerContract>(
    router: Router,
    contract: C,
    handler: RouteHandler<C, CallerOf<C['access']>>,
  ): void {
    const access = contract.access;
    const verifier = access === 'public' ? null : verifiers[access];
    if (verifier === undefined) throw new Error(`${contract.operationId} needs the ${access} verifier`);
    const authorize = async (req: Request, res: Response) => {
      if (!verifier) return null as CallerOf<C['access']>;
      const caller = await verifier.verify(req);
      requestContext(res).caller = caller;
      return caller as CallerOf<C['access']>;
    };
    mountRoute(router, contract, { authorize }, handler);
  };
}

export type ImageServerRoute = ReturnType<typeof imageServerRouteMounter>;

const asService: AccessDoc = {
  security: [{ serviceToken: [] }],
  errors: [
    [errors.unauthenticated, 'No service identity token, or one that does not verify.'],
    errors.accessTokenExpired,
    [errors.forbidden, 'The service account may not call this service.'],
    errors.unavailable,
  ],
};
const ACCESS_DOCS: Record<ImageServerAccess, AccessDoc> = {
  public: { security: [], errors: [] },
  service: asService,
  scheduler: asService,
};

/** The OpenAPI operation of an image server contract. */
export function imageServerOperation(contract: ImageServerContract): RouteConfig {
  const { params, ...request } = contract.request ?? {};
  if (!contract.opaqueParams || !params) return routeConfig(contract, ACCESS_DOCS[contract.access]);
  const config = routeConfig({ ...contract, request }, ACCESS_DOCS[contract.access]);
  return { ...config, request: { ...config.request, params } };
}
