import { webStorage } from '../storage/web-storage';

/**
 * The settings each app reads at run time from `/config.json`, served beside it: written by the local runner from
 * the running system, and at deploy time in the cloud. Nothing here is baked in at build time, so one build runs
 * against any deployment.
 */
export interface RuntimeConfig {
  /** The backend API's origin, e.g. `https://api.example.org` or `http://127.0.0.1:8080`. */
  apiOrigin: string;
  /** The face gallery's origin (the participant app's selfies); null where the app does not call it. */
  galleryOrigin: string | null;
  auth: AuthSettings;
}

export interface AuthSettings {
  /**
   * The identity provider: an Auth0 tenant's domain (`tenant.eu.auth0.com`, https implied) or a full origin
   * (`http://127.0.0.1:8079`, the dev identity provider on the embedded default).
   */
  domain: string;
  /** This app's client id (an Auth0 single-page application; `staff-app`, `operator-console` on the embedded default). */
  clientId: string;
  /** The API audience the access tokens are for. */
  audience: string;
}

/** The settings of an app whose people do not log in (the participant app): the runner sends `auth: null`. */
export type PublicRuntimeConfig = Omit<RuntimeConfig, 'auth'>;

export class RuntimeConfigError extends Error {}

/** Where the last `/config.json` that was read is kept, for a start without the network. */
export interface ConfigMemory {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * Fetches and checks `/config.json`; lists every problem at once. `cache: 'no-cache'`: a redeploy changes it.
 *
 * The first visit's config.json is fetched before the service worker controls the page, so the worker's cache may
 * not have it: the last good copy is also kept in `memory` (localStorage), and read from there when the network
 * cannot answer, so an app opened once opens offline.
 */
export async function loadRuntimeConfig(
  url = '/config.json',
  fetchImpl = globalThis.fetch,
  memory: ConfigMemory | null = webStorage('localStorage'),
): Promise<RuntimeConfig> {
  return parseRuntimeConfig(await fetchConfigJson(url, fetchImpl, memory));
}

/** `loadRuntimeConfig` for an app without login: `auth` is not read. */
export async function loadPublicRuntimeConfig(
  url = '/config.json',
  fetchImpl = globalThis.fetch,
  memory: ConfigMemory | null = webStorage('localStorage'),
): Promise<PublicRuntimeConfig> {
  return parsePublicRuntimeConfig(await fetchConfigJson(url, fetchImpl, memory));
}

async function fetchConfigJson(
  url: string,
  fetchImpl: typeof fetch,
  memory: ConfigMemory | null,
): Promise<unknown> {
  const key = `runtime-config:${url}`;
  let response: Response;
  try {
    response = await fetchImpl(url, { cache: 'no-cache', headers: { Accept: 'application/json' } });
  } catch (err) {
    const kept = memory?.getItem(key);
    if (kept) return JSON.parse(kept) as unknown;
    throw err;
  }
  if (!response.ok) throw new RuntimeConfigError(`${url} answered ${response.status}`);
  const raw: unknown = await response.json();
  memory?.setItem(key, JSON.stringify(raw));
  return raw;
}

export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  return parse(raw, true) as RuntimeConfig;
}

export function parsePublicRuntimeConfig(raw: unknown): PublicRuntimeConfig {
  return parse(raw, false);
}

function parse(raw: unknown, withAuth: boolean): RuntimeConfig | PublicRuntimeConfig {
  const problems: string[] = [];
  const obj = (value: unknown, path: string): Record<string, unknown> => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
    problems.push(`${path}: expected an object`);
    return {};
  };
  const str = (o: Record<string, unknown>, key: string, path: string): string => {
    const value = o[key];
    if (typeof value === 'string' && value.length > 0) return value;
    problems.push(`${path}${key}: expected a non-empty string`);
    return '';
  };
  const origin = (o: Record<string, unknown>, key: string, path: string): string => {
    const value = str(o, key, path);
    if (value && !isOrigin(value)) problems.push(`${path}${key}: expected an origin (scheme://host[:port])`);
    return value;
  };
  const root = obj(raw, 'config');
  const base: PublicRuntimeConfig = {
    apiOrigin: origin(root, 'apiOrigin', ''),
    galleryOrigin: root.galleryOrigin == null ? null : origin(root, 'galleryOrigin', ''),
  };
  let config: RuntimeConfig | PublicRuntimeConfig = base;
  if (withAuth) {
    const auth = obj(root.auth, 'auth');
    config = {
      ...base,
      auth: {
        domain: str(auth, 'domain', 'auth.'),
        clientId: str(auth, 'clientId', 'auth.'),
        audience: str(auth, 'audience', 'auth.'),
      },
    };
  }
  if (problems.length > 0) throw new RuntimeConfigError(`config.json is not valid: ${problems.join('; ')}`);
  return config;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}
