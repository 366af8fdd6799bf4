// How the loader talks to the host page's console, and the guard around everything it runs there.
export const err = (...a: unknown[]) => console.error("Banter:", ...a);
const warned = new Set<string>();
// The host page's mistakes are told once each: a call in a loop must not flood its console.
export const warn = (m: string) => {
  if (!warned.has(m)) console.warn(`Banter: ${m}`);
  warned.add(m);
};

// Every way into the loader (top level, events, timers, promises) goes through here: a bug of ours must never break
// the host page.
export const safe =
  <A extends unknown[]>(fn: (...a: A) => unknown) =>
  (...a: A) => {
    try {
      const r = fn(...a);
      if (r instanceof Promise) r.catch(err);
    } catch (e) {
      err(e);
    }
  };
