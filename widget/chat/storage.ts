// The visitor token proves "same visitor" across reloads. localStorage throws in some sandboxed iframes and
// privacy modes; then the visitor simply starts fresh on each load.
export interface TokenStore {
  get(): string | undefined;
  set(token: string): void;
  clear(): void;
}

export function visitorTokenStore(siteKey: string): TokenStore {
  const key = `banter:${siteKey}:visitor`;
  return {
    get() {
      try {
        return localStorage.getItem(key) ?? undefined;
      } catch {
        return undefined;
      }
    },
    set(token) {
      try {
        localStorage.setItem(key, token);
      } catch {}
    },
    clear() {
      try {
        localStorage.removeItem(key);
      } catch {}
    },
  };
}
