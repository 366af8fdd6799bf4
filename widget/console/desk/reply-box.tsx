// The rep's reply box at the foot of the open conversation: the visitor's typing, a retry for unsent messages, and
// the message box. Kept small and on its own so tools that help write (saved replies) can sit beside the box.
import type { PendingMessage } from "./messages.ts";
import { SavedReplyComposer } from "./saved-replies.tsx";
import { useTypingSignal } from "./use-typing-signal.ts";

export function ReplyBox(props: {
  conversationId: string;
  closed: boolean;
  visitorTyping: boolean;
  failed: PendingMessage[];
  onSend(text: string): void;
  onRetry(clientId: string, text: string): void;
  onTyping(conversationId: string, typing: boolean): void;
  // Escape in the box: focus goes back to the conversation, where the desk's shortcuts work again.
  onLeave(): void;
}) {
  const typing = useTypingSignal(props.conversationId, props.onTyping);
  const { closed, failed } = props;

  const send = (text: string) => {
    typing.stop();
    props.onSend(text);
  };

  // The textarea's input events bubble here, which also tells whether the box was emptied (typing stops).
  const onInput = (e: Event) => {
    const box = e.target;
    if (!closed && box instanceof HTMLTextAreaElement) typing.input(box.value.trim() === "");
  };

  // A tool open over the box (a picker) takes its own Escape first, with preventDefault.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape" && !e.defaultPrevented && e.target instanceof HTMLTextAreaElement) props.onLeave();
  };

  return (
    <div class="desk-reply">
      {failed.length > 0 && !closed && (
        <p class="console-retry">
          <button
            type="button"
            class="console-button-quiet"
            onClick={() => {
              for (const p of failed) props.onRetry(p.clientId, p.text);
            }}
          >
            {failed.length === 1 ? "Retry unsent message" : `Retry ${failed.length} unsent messages`}
          </button>
        </p>
      )}
      <p class="console-typing" role="status">
        {props.visitorTyping && !closed ? "Visitor is typing…" : ""}
      </p>
      {/* Not disabled while offline: that would steal focus mid-sentence, and unsent messages go out on reconnect. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the keys are the textarea's, heard as they bubble; the div itself takes none */}
      <div class="console-composer" onInput={onInput} onKeyDown={onKeyDown}>
        <SavedReplyComposer onSend={send} disabled={closed} />
      </div>
    </div>
  );
}
