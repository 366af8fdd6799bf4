// Re-render whenever the conversation changes; Preact batches the bursts (a join delivers many messages).
import { useEffect, useState } from "preact/hooks";
import type { ChatState } from "./chat-state.ts";
import type { Conversation } from "./conversation.ts";

export function useChatState(conversation: Conversation): ChatState {
  const [state, setState] = useState(conversation.get());
  useEffect(() => {
    const off = conversation.subscribe(() => setState(conversation.get()));
    // Catch anything that happened between the first render and subscribing.
    setState(conversation.get());
    return off;
  }, [conversation]);
  return state;
}
