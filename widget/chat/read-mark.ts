// How far the visitor has read, shared by every tab of the site: localStorage holds the mark and the `storage`
// event tells the other tabs, so reading in one tab clears the unread badge in all of them. Marks only move
// forward: when two tabs disagree, the higher seq wins.
export interface ReadMark {
  conversationId: string;
  seq: number;
}

export interface ReadMarkStore {
  get(): ReadMark | null;
  // Raises the mark to `mark` for the same conversation only: a tab still showing an older conversation must not
  // overwrite the mark of the one another tab moved on to (the tabs would take turns rewriting it).
  advance(mark: ReadMark): void;
  // Starts a conversation's mark: only when a tab first joins a conversation the mark does not know yet.
  reset(mark: ReadMark): void;
  // Called when another tab moves the mark.
  subscribe(fn: () => void): () => void;
}

export function readMarkStore(siteKey: string): ReadMarkStore {
  const key = `banter:${siteKey}:read`;
  // Where localStorage is unavailable the mark lives in this tab only.
  let memory: ReadMark | null = null;
  const get = (): ReadMark | null => {
    try {
      return higher(memory, parseMark(localStorage.getItem(key)));
    } catch {
      return memory;
    }
  };
  const save = (mark: ReadMark) => {
    memory = mark;
    try {
      localStorage.setItem(key, JSON.stringify(mark));
    } catch {}
  };
  return {
    get,
    advance(mark) {
      const now = get();
      if (!now || now.conversationId !== mark.conversationId || now.seq >= mark.seq) return;
      save(mark);
    },
    reset(mark) {
      save(mark);
    },
    subscribe(fn) {
      const onStorage = (e: StorageEvent) => {
        // key is null when another tab cleared all of storage.
        if (e.key === key || e.key === null) fn();
      };
      addEventListener("storage", onStorage);
      return () => removeEventListener("storage", onStorage);
    },
  };
}

// The mark of the two for the same conversation with the higher seq; for different conversations, the stored one
// (another tab may have moved on to a new conversation).
function higher(memory: ReadMark | null, stored: ReadMark | null): ReadMark | null {
  if (!stored) return memory;
  if (memory && memory.conversationId === stored.conversationId && memory.seq > stored.seq) return memory;
  return stored;
}

export function parseMark(raw: string | null): ReadMark | null {
  try {
    const v: unknown = raw ? JSON.parse(raw) : null;
    if (typeof v !== "object" || v === null) return null;
    const { conversationId, seq } = v as Record<string, unknown>;
    if (typeof conversationId !== "string" || typeof seq !== "number" || !Number.isSafeInteger(seq) || seq < 0) {
      return null;
    }
    return { conversationId, seq };
  } catch {
    return null;
  }
}
