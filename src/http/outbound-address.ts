import ipaddr from 'ipaddr.js';

/**
 * Which addresses the server may connect to for a tenant: public unicast only. ipaddr.js names the
 * special ranges (loopback, private, link-local, CGNAT, multicast, unspecified, broadcast, reserved,
 * IPv4-mapped, NAT64 rfc6052/rfc6145, 6to4, Teredo, unique-local, site-local…); anything it does not
 * call plain `unicast` is refused, and so is the deprecated IPv4-compatible ::/96 it does call unicast.
 */
export function isPublicAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(stripBrackets(address));
  } catch {
    return false;
  }
  if (parsed.range() !== 'unicast') return false;
  if (parsed.kind() === 'ipv6') {
    const parts = (parsed as ipaddr.IPv6).parts;
    if (parts.slice(0, 6).every((p) => p === 0)) return false; // ::a.b.c.d (IPv4-compatible)
  }
  return true;
}

export const stripBrackets = (host: string) =>
  host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;

export const isIpLiteral = (host: string) => ipaddr.isValid(stripBrackets(host));

/** One entry of AFTERCARE_OUTBOUND_ALLOW: a host (name or address) with an optional port, or a CIDR range. */
export type AllowEntry = { kind: 'host'; host: string; port: number | null } | { kind: 'cidr'; cidr: string };

/**
 * Parses the installation's allow-list: comma- or space-separated `host`, `host:port`, `[v6]:port`
 * or `a.b.c.d/n` entries. Throws on an entry it cannot read, so a typo fails at start-up.
 */
export function parseAllowList(text: string | readonly string[] | undefined): AllowEntry[] {
  const items = typeof text === 'string' ? text.split(/[\s,]+/) : [...(text ?? [])];
  return items
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      if (item.includes('/')) {
        try {
          ipaddr.parseCIDR(item);
        } catch {
          throw new Error(`outbound allow-list: "${item}" is not a CIDR range`);
        }
        return { kind: 'cidr', cidr: item } as const;
      }
      let url: URL;
      try {
        url = new URL(`http://${item}`);
      } catch {
        throw new Error(`outbound allow-list: "${item}" is not a host or host:port`);
      }
      if (url.pathname !== '/' || url.username || url.search) {
        throw new Error(`outbound allow-list: "${item}" is not a host or host:port`);
      }
      return { kind: 'host', host: url.hostname.toLowerCase(), port: url.port ? Number(url.port) : null };
    });
}

/** Whether the URL's host (and port) is on the allow-list by name or literal address. */
export function hostAllowed(url: URL, allow: readonly AllowEntry[]): boolean {
  const host = url.hostname.toLowerCase();
  const port = Number(url.port || defaultPort(url.protocol));
  return allow.some((entry) => {
    if (entry.kind === 'host') return entry.host === host && (entry.port === null || entry.port === port);
    return isIpLiteral(host) && addressInCidr(stripBrackets(host), entry.cidr);
  });
}

/** Whether a resolved address falls in one of the allow-list's CIDR ranges. */
export function addressAllowed(address: string, allow: readonly AllowEntry[]): boolean {
  return allow.some((entry) => entry.kind === 'cidr' && addressInCidr(address, entry.cidr));
}

function addressInCidr(address: string, cidr: string): boolean {
  try {
    const parsed = ipaddr.parse(stripBrackets(address));
    const range = ipaddr.parseCIDR(cidr);
    if (parsed.kind() !== range[0].kind()) return false;
    return parsed.match(range);
  } catch {
    return false;
  }
}

export function defaultPort(protocol: string): number {
  return protocol === 'https:' || protocol === 'wss:' ? 443 : 80;
}
