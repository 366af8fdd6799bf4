// Which webhook addresses Banter posts to (server/webhooks/targets.ts): public unicast only, in every spelling an
// address can take, unless the operator allowed its network.
import { describe, expect, it } from "vitest";
import { isAllowedAddress, isAllowedHost, parseNetworks } from "../../server/webhooks/targets.ts";

const none = parseNetworks("");
const host = (url: string, allowed = none) => isAllowedHost(new URL(url), allowed);

describe("webhook targets at save time", () => {
  it.each([
    // Loopback, however it is written: WHATWG URL reads each of these as 127.0.0.1.
    ["http://127.0.0.1:6379/", "loopback"],
    ["http://127.1/", "short form"],
    ["http://127.0.1/", "short form"],
    ["http://2130706433/", "one decimal number"],
    ["http://0x7f000001/", "one hex number"],
    ["http://0x7f.1/", "hex and short"],
    ["http://0177.0.0.1/", "octal"],
    ["http://017700000001/", "one octal number"],
    ["http://127.000.000.001/", "zero-padded"],
    ["http://%31%32%37.0.0.1/", "percent-encoded"],
    ["http://１２７.0.0.1/", "full-width digits"],
    ["http://127.255.255.254/", "the rest of 127/8"],
    ["http://[::1]/", "IPv6 loopback"],
    ["http://[0:0:0:0:0:0:0:1]/", "IPv6 loopback, long form"],
    ["http://[::ffff:127.0.0.1]/", "IPv4-mapped IPv6"],
    ["http://[::ffff:7f00:1]/", "IPv4-mapped IPv6, hex"],
    ["http://[::127.0.0.1]/", "IPv4-compatible IPv6"],
    // Unspecified: connecting to it reaches this machine.
    ["http://0.0.0.0/", "unspecified"],
    ["http://0/", "unspecified, one number"],
    ["http://[::]/", "IPv6 unspecified"],
    // Private, shared and link-local networks, and the clouds' metadata services.
    ["http://10.1.2.3/", "private"],
    ["http://172.16.0.1/", "private"],
    ["http://172.31.255.255/", "private"],
    ["http://192.168.0.1/", "private"],
    ["http://100.64.0.1/", "carrier-grade NAT"],
    ["http://100.100.100.200/", "Alibaba's metadata (CGNAT)"],
    ["http://169.254.169.254/latest/meta-data/", "metadata (link-local)"],
    ["http://[::ffff:169.254.169.254]/", "metadata, IPv4-mapped"],
    ["http://192.0.0.192/", "Oracle's metadata (IETF protocol assignments)"],
    ["http://[fd00:ec2::254]/", "AWS's IPv6 metadata (unique local)"],
    ["http://[fc00::1]/", "unique local"],
    ["http://[fe80::1]/", "IPv6 link-local"],
    ["http://[fec0::1]/", "IPv6 site-local (deprecated)"],
    // Multicast, broadcast, reserved, documentation and translation prefixes.
    ["http://224.0.0.1/", "multicast"],
    ["http://[ff02::1]/", "IPv6 multicast"],
    ["http://255.255.255.255/", "broadcast"],
    ["http://240.0.0.1/", "reserved"],
    ["http://192.0.2.1/", "documentation"],
    ["http://198.18.0.1/", "benchmarking"],
    ["http://[64:ff9b::7f00:1]/", "NAT64 of 127.0.0.1"],
    ["http://[2002:7f00:1::]/", "6to4 of 127.0.0.1"],
    ["http://[2001:db8::1]/", "IPv6 documentation"],
    // Names that always mean this machine or the metadata service.
    ["http://localhost/", "localhost"],
    ["https://LOCALHOST.:8443/", "localhost, upper case, trailing dot"],
    ["http://api.localhost/", "a subdomain of localhost"],
    ["http://metadata.google.internal/computeMetadata/v1/", "Google's metadata name"],
    ["http://metadata.google.internal./", "with a trailing dot"],
    ["http://metadata/", "the short name"],
    ["http://instance-data.ec2.internal/", "AWS's metadata name"],
  ])("refuses %s (%s)", (url) => {
    expect(host(url)).toBe(false);
  });

  it.each([
    "https://hooks.example.com/banter",
    "https://93.184.215.14/hook",
    "http://8.8.8.8:8080/",
    "https://[2606:4700:4700::1111]/",
    // Names are judged by what they resolve to when delivering (post.ts), not here.
    "https://127.0.0.1.nip.io/",
    "https://crm.corp.internal/",
    "https://localhost.example.com/",
  ])("keeps %s", (url) => {
    expect(host(url)).toBe(true);
  });

  it("allows what an allowed network holds, and nothing beside it", () => {
    const corp = parseNetworks("10.0.0.0/8, 127.0.0.0/8, fd00::/8");
    for (const url of ["http://10.9.8.7/", "http://127.1/", "http://[::ffff:10.0.0.1]/", "http://[fd12::1]/"])
      expect(host(url, corp), url).toBe(true);
    for (const url of ["http://192.168.0.1/", "http://169.254.169.254/", "http://metadata/", "http://[fe80::1]/"])
      expect(host(url, corp), url).toBe(false);
    // localhost is 127.0.0.1 and ::1: both must be allowed, as both are when it resolves at delivery.
    expect(host("http://localhost:3000/", corp)).toBe(false);
    expect(host("http://localhost.:3000/", parseNetworks("127.0.0.0/8, ::1/128"))).toBe(true);
  });
});

describe("webhook targets at delivery time (resolved addresses)", () => {
  it("judges each address as dns.lookup gives it", () => {
    for (const a of [
      "127.0.0.1",
      "::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "0.0.0.0",
      "169.254.169.254",
      "fe80::1",
    ])
      expect(isAllowedAddress(a, none), a).toBe(false);
    for (const a of ["93.184.215.14", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
      expect(isAllowedAddress(a, none), a).toBe(true);
    expect(isAllowedAddress("not an address", none)).toBe(false);
  });
});

describe("WEBHOOKS_ALLOW_NETWORKS", () => {
  it("reads a comma-separated list of networks, and refuses anything else", () => {
    expect(parseNetworks(" 10.0.0.0/8 ,, fd00::/8 ")).toHaveLength(2);
    expect(() => parseNetworks("10.0.0.1")).toThrow(/not a network like 10.0.0.0\/8/);
    expect(() => parseNetworks("localhost/8")).toThrow(/"localhost\/8"/);
  });
});
