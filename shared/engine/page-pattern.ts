// Page patterns (rule S9 in SPEC.md), one matcher for behaviour rules and proactive messages (TriggerWhen.urls).
// A module of its own so the engage chunk (widget/engage/) carries the matcher and nothing else of the engine.

// "*" matches any run of characters (none included); everything else is itself, case aside. Linear in practice:
// on a miss it backtracks only to the last "*", so no pattern can make a page address slow to match.
function glob(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      mark = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (pattern[p] === "*") p++;
  return p === pattern.length;
}

// S9: a pattern with a scheme ("https://acme.io/pricing*") is matched against the whole address; one that starts
// with "/" or "*" against the path ("/pricing*", "*pricing*"); any other against host and path
// ("acme.io/pricing*"). The query is compared only when the pattern has a "?", the fragment never. Case-insensitive.
// Shared with proactive messages (TriggerWhen.urls).
export function pageMatches(pattern: string, url: string): boolean {
  let u: URL;
  try {
    // A relative address ("/pricing") has only a path; the base host can match nothing but "*".
    u = new URL(url, "http://invalid.invalid");
  } catch {
    return false;
  }
  const query = pattern.includes("?") ? u.search : "";
  const subject = pattern.includes("://")
    ? `${u.protocol}//${u.host}${u.pathname}${query}`
    : pattern.startsWith("/") || pattern.startsWith("*")
      ? `${u.pathname}${query}`
      : `${u.host}${u.pathname}${query}`;
  return glob(pattern.toLowerCase(), subject.toLowerCase());
}
