// The launcher's unread count: what the bot, the rep and the system said after the visitor's read mark. The mark
// moves only while the visitor can see the transcript (panel open, tab visible), and it is shared with the other
// tabs (read-mark.ts), so reading anywhere clears the badge everywhere.
import type { Message } from "../../shared/protocol/index.ts";
import type { ChatState } from "./chat-state.ts";
import type { Conversation } from "./conversation.ts";
import type { ReadMark, ReadMarkStore } from "./read-mark.ts";

// Every conversation gets a mark when this tab first joins it (trackUnread), so a mark for another conversation
// means another tab has moved on to a new one: nothing here is news to count.
export function countUnread(messages: Message[], conversationId: string | null, mark: ReadMark | null): number {
  if (!conversationId || mark?.conversationId !== conversationId) return 0;
  return messages.filter((m) => m.author !== "visitor" && m.conversationId === conversationId && m.seq > mark.seq)
    .length;
}

export interface UnreadDeps {
  conversation: Conversation;
  marks: ReadMarkStore;
  // The panel is open and the document visible.
  seen(): boolean;
  onUnread(count: number): void;
}

// Returns `update`, to call when seen() may have changed, and a disposer.
export function trackUnread(deps: UnreadDeps): { update(): void; dispose(): void } {
  const { conversation, marks } = deps;
  let reported = -1;
  let known: string | null = null;

  const update = () => {
    const s: ChatState = conversation.get();
    const id = s.conversationId;
    const last = s.messages[s.messages.length - 1];
    if (!id) return;
    if (id !== known) {
      // Until the first join is complete the transcript is partial: say nothing rather than a wrong count.
      if (s.link !== "online") return;
      known = id;
      // A conversation without a mark was never shown with this feature: one the server opened in the background
      // (the last one had ended) or one from before marks existed. Its history is not news; later messages are.
      if (marks.get()?.conversationId !== id) marks.reset({ conversationId: id, seq: last?.seq ?? 0 });
    }
    if (last && deps.seen()) marks.advance({ conversationId: id, seq: last.seq });
    const n = countUnread(s.messages, id, marks.get());
    if (n !== reported) {
      reported = n;
      deps.onUnread(n);
    }
  };

  const offState = conversation.subscribe(update);
  const offMarks = marks.subscribe(update);
  document.addEventListener("visibilitychange", update);
  update();
  return {
    update,
    dispose() {
      offState();
      offMarks();
      document.removeEventListener("visibilitychange", update);
    },
  };
}
