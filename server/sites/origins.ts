// Whether a browser origin may embed a site. Patterns are exact origins ("https://acme.com") or a host on any
// port ("http://localhost:*"). Origins are compared after URL normalisation, so case and default ports match.
export function isOriginAllowed(patterns: string[], origin: string | undefined): boolean {
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return patterns.some((pattern) => {
    if (pattern.endsWith(":*")) {
      try {
        const base = new URL(pattern.slice(0, -2));
        return base.protocol === url.protocol && base.hostname === url.hostname;
      } catch {
        return false;
      }
    }
    try {
      return new URL(pattern).origin === url.origin;
    } catch {
      return false;
    }
  });
}

// Whether an origin names the host (and port) the request was sent to, i.e. a page served by Banter itself.
export function isSameHost(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
