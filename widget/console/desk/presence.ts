// The rep's own choice of status, remembered per rep in this browser, so a reload or a reconnect puts them back as
// they were. A rep who never chose starts away: nobody gets offers just because they opened the console.
export type MyStatus = "available" | "away";

const key = "banter:console:status";

// Every console tab says it is still there this often; the server counts a rep offline about 30 s after the last.
export const heartbeatMs = 10_000;

function read(): Record<string, MyStatus> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? "{}");
    return parsed && typeof parsed === "object" ? (parsed as Record<string, MyStatus>) : {};
  } catch {
    return {};
  }
}

// The rep's own choice in this browser, or null: a rep who never chose is available while the console is open
// (the server's default), so opening the console is enough to take leads.
export function loadStatus(repId: string): MyStatus | null {
  const stored = read()[repId];
  return stored === "available" || stored === "away" ? stored : null;
}

export function saveStatus(repId: string, status: MyStatus): void {
  try {
    localStorage.setItem(key, JSON.stringify({ ...read(), [repId]: status }));
  } catch {
    // Storage can be off (private mode): the choice then lasts until the next reload.
  }
}

// Another tab of this browser changed the choice: follow it, so every tab shows the same status.
export function onStatusStored(changed: () => void): () => void {
  const listener = (e: StorageEvent) => {
    if (e.key === key) changed();
  };
  window.addEventListener("storage", listener);
  return () => window.removeEventListener("storage", listener);
}
