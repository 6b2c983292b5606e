import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopbackHttpServer } from '../../testing/loopback-http';
import { OutboundHttpClient, OutboundRefusedError, type Resolve } from './outbound-http';

const answers =
  (table: Record<string, string[]>): Resolve =>
  async (hostname) =>
    (table[hostname] ?? []).map((address): LookupAddress => ({
      address,
      family: address.includes(':') ? 6 : 4,
    }));

describe('the outbound HTTP client', () => {
  const receiver = new LoopbackHttpServer();
  const port = () => new URL(receiver.url).port;
  const client = (
    resolve: Resolve,
    over: { allowPrivate?: boolean; maxResponseBytes?: number; timeoutMs?: number } = {},
  ) =>
    new OutboundHttpClient({
      allowPrivate: false,
      timeoutMs: 2000,
      maxResponseBytes: 1024,
      resolve,
      ...over,
    });
  const post = (c: OutboundHttpClient, url: string) =>
    c.request({ url, method: 'POST', headers: {}, body: '{}' });

  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it.each([
    ['loopback', '127.0.0.1'],
    ['IPv4-mapped loopback', '[::ffff:127.0.0.1]'],
    ['IPv4-mapped metadata server', '[::ffff:169.254.169.254]'],
    ['metadata server', '169.254.169.254'],
    ['carrier-grade NAT', '100.64.0.1'],
    ['private 10/8', '10.1.2.3'],
    ['private 172.16/12', '172.20.0.1'],
    ['private 192.168/16', '192.168.1.1'],
    ['unspecified', '0.0.0.0'],
    ['broadcast', '255.255.255.255'],
    ['multicast', '224.0.0.1'],
    ['documentation', '192.0.2.10'],
    ['benchmarking', '198.18.0.1'],
    ['IPv6 loopback', '[::1]'],
    ['IPv6 unique-local', '[fd00:ec2::254]'],
    ['IPv6 link-local', '[fe80::1]'],
    ['IPv6 multicast', '[ff02::1]'],
    ['IPv4-translated (NAT64)', '[64:ff9b::7f00:1]'],
    ['6to4', '[2002:7f00:1::1]'],
    ['Teredo', '[2001::1]'],
    ['IPv6 documentation', '[2001:db8::1]'],
  ])('when the target is a literal %s address (%s), then nothing is sent', async (_, host) => {
    const before = receiver.requests.length;
    await expect(post(client(answers({})), `http://${host}:${port()}/hook`)).rejects.toBeInstanceOf(
      OutboundRefusedError,
    );
    expect(receiver.requests.length).toBe(before);
  });

  it('when a name resolves to an internal address at send time, then the connection is refused', async () => {
    const before = receiver.requests.length;
    const rebinding = client(answers({ 'hooks.example.com': ['127.0.0.1'] }));
    await expect(post(rebinding, `http://hooks.example.com:${port()}/hook`)).rejects.toBeInstanceOf(
      OutboundRefusedError,
    );
    const mixed = client(answers({ 'hooks.example.com': ['93.184.215.14', '::ffff:127.0.0.1'] }));
    await expect(post(mixed, `http://hooks.example.com:${port()}/hook`)).rejects.toBeInstanceOf(
      OutboundRefusedError,
    );
    expect(receiver.requests.length).toBe(before);
  });

  it('when a name rebinds between two sends, then each connection goes only to the address checked for it', async () => {
    let calls = 0;
    const flipping: Resolve = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '127.0.0.1' : '127.0.0.2', family: 4 }];
    };
    const dev = client(flipping, { allowPrivate: true });
    expect((await post(dev, `http://flip.test:${port()}/one`)).status).toBe(201);
    // The second answer is an address nothing listens on: the client connected to it, not to a remembered one.
    await expect(post(dev, `http://flip.test:${port()}/two`)).rejects.toThrow();
    expect(calls).toBe(2);
  });

  it('when the receiver redirects, then the redirect is answered, not followed', async () => {
    receiver.reply = () => ({ status: 302, headers: { location: 'http://169.254.169.254/' } });
    const res = await post(
      client(answers({ 'localhost.test': ['127.0.0.1'] }), { allowPrivate: true }),
      `http://localhost.test:${port()}/`,
    );
    expect(res.status).toBe(302);
    receiver.reply = () => ({ status: 201 });
  });

  it('when the answer is large, then only the first maxResponseBytes are kept', async () => {
    receiver.reply = () => ({ status: 200, body: 'x'.repeat(100_000) });
    const res = await post(client(answers({}), { allowPrivate: true, maxResponseBytes: 10 }), receiver.url);
    expect(res.body.toString()).toBe('x'.repeat(10));
    receiver.reply = () => ({ status: 201 });
  });
});
