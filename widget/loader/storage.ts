// localStorage throws in some sandboxed iframes and privacy modes; the chat still works, it just forgets.
export function store(key: string, value?: string): string | null {
  try {
    if (value === undefined) return localStorage.getItem(key);
    localStorage.setItem(key, value);
  } catch {}
  return null;
}
