// The conversations this process last wrote a bot turn for, with their last seq, so that the visitor's next line
// is answered without reading them first: one round trip for the whole turn. A copy is only ever a guess: the
// turn's write is a compare-and-set on the stored rev and on the seq its line gets (write-conversation-11.lua),
// so a copy that another process, a rep, another tab or routing made stale writes nothing and the turn takes the
// long way from a fresh read. Bounded: the least recently used copy goes first past `max` (a conversation is 1-2
// KB, so the default holds at most about 10-20 MB).
import type { Conversation } from "../store/types.ts";

export interface Known {
  conversation: Conversation;
  // The conversation's highest seq when it was cached: the visitor's next line must get lastSeq + 1.
  lastSeq: number;
}

export const defaultTurnCacheSize = 10_000;

export function turnCache(max = defaultTurnCacheSize) {
  // A Map keeps insertion order: the first key is the least recently used.
  const known = new Map<string, Known>();
  return {
    // Taken out: a copy is used for one turn at most, and put back only by the turn that wrote it.
    take(id: string): Known | undefined {
      const k = known.get(id);
      known.delete(id);
      return k;
    },
    put(k: Known): void {
      if (max <= 0) return;
      known.delete(k.conversation.id);
      known.set(k.conversation.id, k);
      if (known.size > max) known.delete(known.keys().next().value as string);
    },
    get size(): number {
      return known.size;
    },
  };
}

export type TurnCache = ReturnType<typeof turnCache>;
