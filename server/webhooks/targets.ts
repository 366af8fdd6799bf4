// Which addresses Banter may post webhooks to. An owner types the address, but the server sends the request
// from inside its own network: without this, an owner could make Banter post to its Redis, a service on the
// server's loopback or the cloud's metadata endpoint (SSRF). Only public unicast addresses are allowed, plus the
// networks an operator lists in WEBHOOKS_ALLOW_NETWORKS (docs/webhooks.md, "Where Banter posts").
//
// The ranges come from ipaddr.js (IANA's special-purpose registries, kept up to date there) rather than our own
// table: one list, well kept, that already knows IPv4-mapped IPv6, 6to4, NAT64 and the reserved blocks.
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

export type Network = [ipaddr.IPv4 | ipaddr.IPv6, number];
// The networks an operator allowed besides the public internet: empty by default.
export type AllowedNetworks = readonly Network[];

// "10.0.0.0/8, fd00::/8" -> networks; a bad entry stops the server at start with a clear message.
export function parseNetworks(list: string): AllowedNetworks {
  return list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((cidr) => {
      if (!ipaddr.isValidCIDR(cidr)) throw new Error(`"${cidr}" is not a network like 10.0.0.0/8 or fd00::/8`);
      return ipaddr.parseCIDR(cidr);
    });
}

// IPv4-compatible IPv6 (::a.b.c.d, deprecated): ipaddr.js calls it unicast, but some stacks still route it as
// the IPv4 address inside, so it is treated as not public.
const ipv4Compatible = ipaddr.parseCIDR("::/96");

// Whether Banter may connect to this address (a canonical IP, as dns.lookup or the URL parser gives it).
export function isAllowedAddress(address: string, allowed: AllowedNetworks): boolean {
  if (!ipaddr.isValid(address)) return false;
  // ::ffff:127.0.0.1 is 127.0.0.1: judged, and matched against the allowed networks, as the IPv4 address.
  const ip = ipaddr.process(address);
  if (allowed.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits))) return true;
  if (ip.kind() === "ipv6" && ip.match(ipv4Compatible)) return false;
  return ip.range() === "unicast";
}

// Names that always stand for internal addresses, so an address naming them is refused before any lookup:
// localhost (RFC 6761: it and its subdomains are the loopback) and the clouds' metadata services.
const metadata = ["169.254.169.254"];
const knownNames: Record<string, string[]> = {
  localhost: ["127.0.0.1", "::1"],
  "metadata.google.internal": metadata,
  "metadata.goog": metadata,
  metadata: metadata,
  "instance-data": metadata,
  "instance-data.ec2.internal": metadata,
};

// Save-time check of an address's host (a parsed http(s) URL: WHATWG has already turned 127.1, 2130706433,
// 0x7f.1 and 0177.0.0.1 into 127.0.0.1). Other names are checked when delivering, on what they resolve to then.
export function isAllowedHost(url: URL, allowed: AllowedNetworks): boolean {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host)) return isAllowedAddress(host, allowed);
  const name = host.replace(/\.$/, "").toLowerCase();
  const addresses = knownNames[name.endsWith(".localhost") ? "localhost" : name];
  return addresses ? addresses.every((a) => isAllowedAddress(a, allowed)) : true;
}
