import { describe, expect, it } from 'vitest';
import {
  loadRuntimeConfig,
  parsePublicRuntimeConfig,
  parseRuntimeConfig,
  RuntimeConfigError,
} from './runtime-config';

const good = {
  apiOrigin: 'http://127.0.0.1:8080',
  auth: { domain: 'http://127.0.0.1:8079', clientId: 'staff-app', audience: 'https://event-photo.local/api' },
};

describe('parseRuntimeConfig', () => {
  it('when the config is complete, then it is returned with an absent gallery as null', () => {
    expect(parseRuntimeConfig(good)).toEqual({ ...good, galleryOrigin: null });
  });
  it('when several settings are wrong, then every problem is listed at once', () => {
    const error = (() => {
      try {
        parseRuntimeConfig({ apiOrigin: 'http://api.test/path', auth: { domain: '', clientId: 'x' } });
      } catch (err) {
        return err as Error;
      }
    })();
    expect(error).toBeInstanceOf(RuntimeConfigError);
    expect(error?.message).toContain('apiOrigin: expected an origin');
    expect(error?.message).toContain('auth.domain');
    expect(error?.message).toContain('auth.audience');
  });
});

describe('parsePublicRuntimeConfig', () => {
  it('when an app without login gets auth: null, then the origins are read and auth is not asked for', () => {
    expect(parsePublicRuntimeConfig({ apiOrigin: 'http://127.0.0.1:8080', auth: null })).toEqual({
      apiOrigin: 'http://127.0.0.1:8080',
      galleryOrigin: null,
    });
    expect(() => parseRuntimeConfig({ apiOrigin: 'http://127.0.0.1:8080', auth: null })).toThrow(
      RuntimeConfigError,
    );
  });
});

describe('loadRuntimeConfig', () => {
  it('when /config.json is missing, then it says so', async () => {
    const fetch404 = async () => new Response('no', { status: 404 });
    await expect(loadRuntimeConfig('/config.json', fetch404)).rejects.toThrow('/config.json answered 404');
  });
  it('when /config.json is served, then it is fetched without the HTTP cache', async () => {
    let init: RequestInit | undefined;
    const config = await loadRuntimeConfig('/config.json', async (_url, i) => {
      init = i;
      return Response.json(good);
    });
    expect(init?.cache).toBe('no-cache');
    expect(config.auth.clientId).toBe('staff-app');
  });
  it('when the network fails after a good read, then the kept copy is used; with none kept, the error stands', async () => {
    const kept = new Map<string, string>();
    const memory = {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => kept.set(k, v),
    };
    const offline = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    await expect(loadRuntimeConfig('/config.json', offline, memory)).rejects.toThrow('Failed to fetch');
    await loadRuntimeConfig('/config.json', async () => Response.json(good), memory);
    const config = await loadRuntimeConfig('/config.json', offline, memory);
    expect(config.auth.clientId).toBe('staff-app');
  });
  it('when the server answers an error, then the kept copy does not hide it', async () => {
    const kept = new Map([['runtime-config:/config.json', JSON.stringify(good)]]);
    const memory = {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => kept.set(k, v),
    };
    const fetch500 = async () => new Response('no', { status: 500 });
    await expect(loadRuntimeConfig('/config.json', fetch500, memory)).rejects.toThrow('answered 500');
  });
});
