// The visitor token proves "same visitor" across reloads. localStorage throws in some sandboxed iframes and
// privacy modes; the token then lives in memory, so reconnects keep the conversation and only a reload starts
// afresh.
export interface TokenStore {
  get(): string | undefined;
  set(token: string): void;
  clear(): void;
}

export function visitorTokenStore(siteKey: string): TokenStore {
  const key = `banter:${siteKey}:visitor`;
  let memory: string | undefined;
  return {
    get() {
      try {
        return localStorage.getItem(key) ?? memory;
      } catch {
        return memory;
      }
    },
    set(token) {
      memory = token;
      try {
        localStorage.setItem(key, token);
      } catch {}
    },
    clear() {
      memory = undefined;
      try {
        localStorage.removeItem(key);
      } catch {}
    },
  };
}
