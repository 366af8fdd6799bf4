// The conversation so far of a lead that rings: what the visitor said before the rep decides to accept. Loaded
// when asked for, read-only; the server allows it while the lead waits for a rep of that site.
import { useState } from "preact/hooks";
import type { Message } from "../../../shared/protocol/index.ts";
import { Transcript, toDisplay } from "../../ui/transcript.tsx";

export function OfferTranscript(props: { conversationId: string; load(id: string): Promise<Message[]> }) {
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [problem, setProblem] = useState("");
  const [open, setOpen] = useState(false);
  const toggle = async () => {
    if (open) return setOpen(false);
    setOpen(true);
    try {
      setMessages(await props.load(props.conversationId));
      setProblem("");
    } catch (err) {
      setProblem(err instanceof Error ? err.message : "Could not load the conversation.");
    }
  };
  const regionId = `offer-transcript-${props.conversationId}`;
  return (
    <div class="offer-transcript">
      <button type="button" class="console-button-quiet" aria-expanded={open} aria-controls={regionId} onClick={toggle}>
        {open ? "Hide conversation so far" : "Show conversation so far"}
      </button>
      <div id={regionId} hidden={!open}>
        {problem && <p role="alert">{problem}</p>}
        {open && messages && <Transcript messages={messages.map(toDisplay)} label="Conversation so far" viewer="rep" />}
      </div>
    </div>
  );
}
