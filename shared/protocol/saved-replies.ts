// HTTP: the team's saved replies (GET/POST /api/saved-replies, PUT/DELETE /api/saved-replies/:id). Owners write
// them on the Saved replies page; reps insert one into a live chat by typing "/" and its shortcut.

export interface SavedReply {
  id: string;
  // What a rep types after "/": lower case letters, digits, "-" and "_", unique in the team.
  shortcut: string;
  // A few words saying what the reply is for, when the shortcut alone does not.
  title?: string;
  // What is sent to the visitor: a chat message, so no longer than one.
  text: string;
  createdAt: number;
  updatedAt: number;
}

// What an owner sends to add or edit one; an absent or empty title removes it.
export interface SavedReplyInput {
  shortcut: string;
  title?: string;
  text: string;
}

export interface SavedReplyList {
  savedReplies: SavedReply[];
}

export interface SavedReplyResult {
  savedReply: SavedReply;
}

export const savedReplyLimits = {
  // Per team: a picker of more than this is a library nobody finds things in.
  replies: 200,
  shortcut: 32,
  title: 80,
  // Limits.messageText, written out: importing limits.ts here splits it into a chunk of its own, which the
  // chat app would load too (bundle-size test).
  text: 2000,
} as const;

// Letters and digits of any script, "-" and "_": nothing that ends the shortcut as a rep types it (a space).
export const shortcutPattern = /^[\p{L}\p{N}_-]+$/u;
