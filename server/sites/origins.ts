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

// Whether a page on `origin` may use a site's public routes (config, engage, activity, teaser counts): one of the
// site's allowed origins, or Banter's own pages. A request that names no origin is each route's to judge.
export function isPageAllowed(patterns: string[], origin: string, host: string | undefined): boolean {
  return isSameHost(origin, host) || isOriginAllowed(patterns, origin);
}

// An allowed-origin pattern as an owner types it, in the form isOriginAllowed compares ("https://acme.com",
// "http://localhost:*"), or null when it is not an http(s) origin: a path, query or credentials would never match
// a browser's Origin header, so they are refused rather than kept as a rule that silently allows nothing.
export function originPattern(input: string): string | null {
  const text = input.trim();
  const anyPort = text.endsWith(":*");
  let url: URL;
  try {
    url = new URL(anyPort ? text.slice(0, -2) : text);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password || url.search || url.hash || url.pathname !== "/") return null;
  // new URL() accepts "https://acme.com/" and drops the slash; anything longer than the origin was a path.
  if (!/^https?:\/\/[^/?#]+\/?$/i.test(anyPort ? text.slice(0, -2) : text)) return null;
  if (anyPort) return url.port ? null : `${url.protocol}//${url.hostname}:*`;
  return url.origin;
}
