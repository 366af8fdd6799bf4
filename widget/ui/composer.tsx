// The message box both apps use. Enter sends and Shift+Enter breaks the line, as in every chat people know.
import { useId, useRef, useState } from "preact/hooks";
import { Limits } from "../../shared/protocol/limits.ts";

// No maxlength on the box: it would silently cut a pasted text. Over the limit, the box says so and refuses to
// send, and the writer decides what to cut.
export function Composer(props: {
  onSend(text: string): void;
  disabled?: boolean;
  onInput?(): void;
  // The console's reply box holds its text itself, so its saved-reply picker (console/desk/saved-replies.tsx) can
  // put a reply in; it sees keys first (one it handles is preventDefault-ed) and adds the picker's attributes.
  text?: string;
  onText?(text: string): void;
  onKey?(e: KeyboardEvent): void;
  box?: {
    "aria-autocomplete"?: "list";
    "aria-controls"?: string;
    "aria-activedescendant"?: string;
    placeholder?: string;
  };
}) {
  const [own, setOwn] = useState("");
  const text = props.text ?? own;
  const setText = props.onText ?? setOwn;
  const boxRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const problemId = `${id}-problem`;
  const countId = `${id}-count`;
  const over = text.trim().length > Limits.messageText;

  const send = () => {
    const trimmed = text.trim();
    if (!trimmed || props.disabled || over) {
      boxRef.current?.focus();
      return;
    }
    props.onSend(trimmed);
    setText("");
    boxRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    props.onKey?.(e);
    // isComposing: Enter also confirms an IME candidate (Japanese, Chinese); that must not send.
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && !e.defaultPrevented) {
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
        // A hint only: the label above stays the box's name for screen readers.
        placeholder="Write a message…"
        value={text}
        disabled={props.disabled}
        aria-invalid={over}
        aria-describedby={`${problemId} ${countId}`}
        {...props.box}
        onInput={(e) => {
          setText(e.currentTarget.value);
          props.onInput?.();
        }}
        onKeyDown={onKeyDown}
      />
      <button type="submit" class="banter-button banter-composer-send" disabled={props.disabled}>
        Send
      </button>
      {/* Always in the tree, so screen readers know the live region before it has something to say. The count is
          apart from it and not live: the alert is said once, not again at every key. */}
      <p id={problemId} class="banter-composer-problem" role="alert">
        {over && tooLong}
      </p>
      <p id={countId} class="banter-composer-count">
        {over && `You have ${text.trim().length.toLocaleString("en-US")}.`}
      </p>
    </form>
  );
}

export const tooLong = `Messages can be at most ${Limits.messageText.toLocaleString("en-US")} characters.`;
