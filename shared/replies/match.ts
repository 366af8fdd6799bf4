// Which saved replies a rep's "/query" brings up, best first: shortcuts that start with the query, then shortcuts,
// titles and texts that contain it, each group in the order given (the server's: by shortcut). Any case.
import type { SavedReply } from "../protocol/index.ts";

export function matchSavedReplies(replies: readonly SavedReply[], query: string): SavedReply[] {
  const q = query.trim().toLowerCase();
  const rank = (r: SavedReply): number => {
    if (r.shortcut.startsWith(q)) return 0;
    if (r.shortcut.includes(q)) return 1;
    if (r.title?.toLowerCase().includes(q)) return 2;
    return r.text.toLowerCase().includes(q) ? 3 : 4;
  };
  return replies
    .map((reply) => ({ reply, rank: rank(reply) }))
    .filter((m) => m.rank < 4)
    .sort((a, b) => a.rank - b.rank)
    .map((m) => m.reply);
}
