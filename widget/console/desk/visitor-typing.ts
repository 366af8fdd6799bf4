// The visitor's typing indicator in the console, per conversation; it goes by itself after 10 s without news
// (typingIndicators in widget/transport/typing.ts).
import type { Typing } from "../../../shared/protocol/index.ts";
import { typingIndicators } from "../../transport/typing.ts";
import type { Action } from "./console-state.ts";

export function visitorTyping(dispatch: (action: Action) => void) {
  const indicators = typingIndicators<true>((conversationId, on) =>
    dispatch({ type: "typing", conversationId, typing: on !== null }),
  );
  return {
    // The rep's own typing (from another of their tabs) is not news to them.
    updated(t: Typing): void {
      if (t.author === "visitor") indicators.set(t.conversationId, t.typing || null);
    },
    stop: indicators.clear,
  };
}
