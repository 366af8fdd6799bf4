// The message box both apps use. Enter sends and Shift+Enter breaks the line, as in every chat people know.
import { useId, useRef, useState } from "preact/hooks";
import { Limits } from "../../shared/protocol/limits.ts";

export function Composer(props: { onSend(text: string): void; disabled?: boolean }) {
  const [text, setText] = useState("");
  const boxRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  const send = () => {
    const trimmed = text.trim();
    if (!trimmed || props.disabled) return;
    props.onSend(trimmed);
    setText("");
    boxRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // isComposing: Enter also confirms an IME candidate (Japanese, Chinese); that must not send.
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form
      class="banter-composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label class="banter-sr" for={id}>
        Message
      </label>
      <textarea
        ref={boxRef}
        id={id}
        class="banter-composer-input"
        rows={2}
        maxLength={Limits.messageText}
        value={text}
        disabled={props.disabled}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" class="banter-button banter-composer-send" disabled={props.disabled}>
        Send
      </button>
    </form>
  );
}
