// The visitor's typing indicator in the console. The server relays typing:updated but does not promise a final
// `false` (a tab closed mid-word sends nothing), so an indicator without news for 10 s goes away by itself.
import type { Typing } from "../../shared/protocol/index.ts";
import type { Action } from "./console-state.ts";

export const typingExpiryMs = 10_000;

export function visitorTyping(dispatch: (action: Action) => void) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    // The rep's own typing (from another of their tabs) is not news to them.
    updated(t: Typing): void {
      if (t.author !== "visitor") return;
      const { conversationId, typing } = t;
      clearTimeout(timers.get(conversationId));
      timers.delete(conversationId);
      dispatch({ type: "typing", conversationId, typing });
      if (!typing) return;
      timers.set(
        conversationId,
        setTimeout(() => {
          timers.delete(conversationId);
          dispatch({ type: "typing", conversationId, typing: false });
        }, typingExpiryMs),
      );
    },
    stop(): void {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
