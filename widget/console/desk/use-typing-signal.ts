// Tells the visitor the rep is typing (typingSignal in widget/transport/typing.ts: `true` at most every 3 s while
// it goes on, `false` after 4 s without a keystroke), and `false` on send, when the box is emptied, and when the rep
// leaves the conversation.
import { useEffect, useMemo, useRef } from "preact/hooks";
import { typingSignal } from "../../transport/typing.ts";

export function useTypingSignal(conversationId: string, setTyping: (conversationId: string, typing: boolean) => void) {
  // The callback changes on every render of the console; the timers must call the latest one.
  const setRef = useRef(setTyping);
  setRef.current = setTyping;

  const signal = useMemo(() => {
    const s = typingSignal((typing) => setRef.current(conversationId, typing));
    return { input: (empty: boolean) => (empty ? s.stop() : s.input()), stop: s.stop };
  }, [conversationId]);

  // Switching conversations (or closing the console) ends typing in the one left behind.
  useEffect(() => signal.stop, [signal]);
  return signal;
}
