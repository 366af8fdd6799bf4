// The pure parts of the window API (docs/embedding.md): which commands and events exist, how queued calls read, and
// the checks on what the host page passes in. Bundled into widget.js, so kept short.
// open, close, toggle and track come first: the loader holds them back until the launcher works.
export const commands = ["open", "close", "toggle", "track", "identify", "page", "on", "off", "shutdown", "consent"];
export const events = ["ready", "open", "close", "message", "qualified", "handoff", "shutdown"];

// One queued call as an argument list: the stub's `arguments`, the older queue's ["open"] or "open".
export const callOf = (item: unknown): unknown[] =>
  typeof item === "object" && item !== null && "length" in item ? Array.from(item as ArrayLike<unknown>) : [item];

// Calls made before widget.js ran, in order: the snippet's stub keeps them in `Banter.q`; pages that still use
// `window.Banter = window.Banter || []` push onto an array.
export function queuedCalls(banter: unknown): unknown[][] {
  const q = typeof banter === "function" ? (banter as { q?: unknown }).q : banter;
  return Array.isArray(q) ? q.map(callOf) : [];
}

// A page as the trail records it: absolute, http(s), at most 2048 characters. The hash counts only for hash routers
// ("#/pricing", "#!/pricing"): an in-page anchor ("#features") is the same page, and must not fill the trail.
export function pageAddress(url: string, base: string): string | undefined {
  try {
    const u = new URL(url, base);
    if (!/^#!?\//.test(u.hash)) u.hash = "";
    return /^https?:$/.test(u.protocol) ? u.href.slice(0, 2048) : undefined;
  } catch {
    return undefined;
  }
}

export const hexColor = (s: string) => /^#(?:[0-9a-f]{3}){1,2}$/i.test(s);
