// Tells the visitor the rep is typing: `true` when typing starts and again at most every 3 s while it goes on (so
// the visitor's indicator, which expires by itself, stays up), `false` after 4 s without a keystroke, on send, when
// the box is emptied, and when the rep leaves the conversation.
import { useEffect, useMemo, useRef } from "preact/hooks";

export const typingRepeatMs = 3000;
export const typingIdleMs = 4000;

export function useTypingSignal(conversationId: string, setTyping: (conversationId: string, typing: boolean) => void) {
  // The callback changes on every render of the console; the timers must call the latest one.
  const setRef = useRef(setTyping);
  setRef.current = setTyping;

  const signal = useMemo(() => {
    let typing = false;
    let lastTrueAt = 0;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      clearTimeout(idle);
      if (!typing) return;
      typing = false;
      setRef.current(conversationId, false);
    };
    const input = (empty: boolean) => {
      if (empty) return stop();
      const now = Date.now();
      if (!typing || now - lastTrueAt >= typingRepeatMs) {
        typing = true;
        lastTrueAt = now;
        setRef.current(conversationId, true);
      }
      clearTimeout(idle);
      idle = setTimeout(stop, typingIdleMs);
    };
    return { input, stop };
  }, [conversationId]);

  // Switching conversations (or closing the console) ends typing in the one left behind.
  useEffect(() => signal.stop, [signal]);
  return signal;
}
