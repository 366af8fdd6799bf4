// Which saved replies a rep's "/query" brings up, and in what order.
import { describe, expect, it } from "vitest";
import { Limits, type SavedReply, savedReplyLimits } from "../../shared/protocol/index.ts";
import { matchSavedReplies } from "../../shared/replies/match.ts";

const reply = (shortcut: string, text: string, title?: string): SavedReply => ({
  id: shortcut,
  shortcut,
  text,
  ...(title ? { title } : {}),
  createdAt: 1,
  updatedAt: 1,
});

// In the server's order: by shortcut.
const replies = [
  reply("bye", "Thanks, talk soon! Pricing questions? Ask away."),
  reply("demo", "Book a demo here.", "Book a demo"),
  reply("plans", "See our plans.", "Pricing overview"),
  reply("prices-eu", "From €45 a month."),
  reply("pricing", "From $49 a month."),
  reply("trial", "Try it free for 14 days."),
];

describe("saved replies: what a /query finds", () => {
  it("lists every reply, in the server's order, for a bare slash", () => {
    expect(matchSavedReplies(replies, "").map((r) => r.shortcut)).toEqual(replies.map((r) => r.shortcut));
  });

  it("puts shortcuts that start with the query first, then shortcuts, titles and texts that contain it", () => {
    expect(matchSavedReplies(replies, "pri").map((r) => r.shortcut)).toEqual(["prices-eu", "pricing", "plans", "bye"]);
    expect(matchSavedReplies(replies, "ial").map((r) => r.shortcut)).toEqual(["trial"]);
    expect(matchSavedReplies(replies, "BOOK A").map((r) => r.shortcut)).toEqual(["demo"]);
    expect(matchSavedReplies(replies, "€45").map((r) => r.shortcut)).toEqual(["prices-eu"]);
    expect(matchSavedReplies(replies, "nothing like it")).toEqual([]);
  });

  it("keeps a reply's text to one chat message", () => {
    expect(savedReplyLimits.text).toBe(Limits.messageText);
  });
});
