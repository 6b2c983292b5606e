import ipaddr from 'ipaddr.js';

/**
 * Why an address may not be the target of a request we send on someone's behalf (a webhook, a push endpoint), or
 * null when it is an ordinary public unicast address. ipaddr.js classifies every special-purpose range of the IANA
 * registries: loopback, private, link-local (the metadata server's 169.254.169.254), carrier-grade NAT, unspecified,
 * broadcast, multicast, reserved and documentation, unique-local, IPv4-mapped and -translated IPv6, 6to4, Teredo,
 * NAT64, … Only `unicast`, what it answers for everything else, is allowed. A mapped address is refused as such,
 * whatever IPv4 address it carries.
 */
export function refusedRange(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return 'not an IP address';
  const range = ipaddr.parse(bare).range();
  return range === 'unicast' ? null : range;
}
