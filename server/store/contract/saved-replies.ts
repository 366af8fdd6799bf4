// The team's saved replies (server/http/saved-replies.ts): owned by the install, kept until an owner deletes them.
import type { SavedReply } from "../../../shared/protocol/index.ts";

// Why a write was refused: the reply is gone, another reply has its shortcut, or the team has `max` already.
export type SavedReplyWrite = "ok" | "missing" | "duplicate" | "full";

export interface SavedRepliesStore {
  // Adds a new reply unless the team has `max` or another reply has its shortcut: checked and written in one step,
  // so two owners adding at once cannot pass either.
  addSavedReply(reply: SavedReply, max: number): Promise<SavedReplyWrite>;
  // Replaces a reply, unless it was deleted meanwhile ("missing") or the new shortcut is another reply's.
  replaceSavedReply(reply: SavedReply): Promise<SavedReplyWrite>;
  getSavedReply(id: string): Promise<SavedReply | null>;
  // By shortcut.
  listSavedReplies(): Promise<SavedReply[]>;
  removeSavedReply(id: string): Promise<boolean>;
}

// The list's order in both stores: by shortcut, code point by code point (the same on every machine, unlike a locale).
export const byShortcut = (a: SavedReply, b: SavedReply): number =>
  a.shortcut < b.shortcut ? -1 : a.shortcut > b.shortcut ? 1 : 0;
