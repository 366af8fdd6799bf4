// The reply box with the team's saved replies: "/" at the start of the message opens a list of them, narrowed by
// what follows; Up and Down move, Enter or Tab puts the reply's text in the box in place of the "/query", Escape
// closes. ARIA's combobox pattern on a textarea: HTML allows no role there, so the box keeps its own (a textbox)
// with the combobox's aria-autocomplete, aria-controls and aria-activedescendant, and screen readers say each
// option as it becomes active while focus stays in the box.
import { useEffect, useId, useMemo, useState } from "preact/hooks";
import type { SavedReply, SavedReplyList } from "../../../shared/protocol/index.ts";
import { matchSavedReplies } from "../../../shared/replies/match.ts";
import { Composer } from "../../ui/composer.tsx";
import { api } from "../shell/api.ts";

// The start of a reply's text, in the list: enough to tell replies apart.
const preview = (text: string) => (text.length > 120 ? `${text.slice(0, 119)}…` : text);

export function SavedReplyComposer(props: { onSend(text: string): void; disabled?: boolean }) {
  const [text, setText] = useState("");
  const [replies, setReplies] = useState<SavedReply[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [active, setActive] = useState(0);
  // Escape (or a reply put in) closes the list until the message no longer starts with "/".
  const [dismissed, setDismissed] = useState(false);
  const listId = useId();
  const query = /^\/([^\n]*)$/.exec(text)?.[1];
  const open = query !== undefined && !dismissed && !props.disabled;
  const matches = useMemo(() => (open && replies ? matchSavedReplies(replies, query) : []), [open, replies, query]);
  const at = Math.min(active, matches.length - 1);

  // Fetched each time the list opens, not at every key: a reply an owner just added is there the next time.
  useEffect(() => {
    if (!open) return;
    let current = true;
    setFailed(false);
    api<SavedReplyList>("GET", "/api/saved-replies").then(
      (r) => current && setReplies(r.savedReplies),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [open]);

  const type = (next: string) => {
    setText(next);
    setActive(0);
    if (!next.startsWith("/")) setDismissed(false);
  };

  const insert = (reply: SavedReply) => {
    setText(reply.text);
    setDismissed(true);
  };

  const onKey = (e: KeyboardEvent) => {
    if (!open || e.isComposing) return;
    if (e.key === "Escape") {
      e.preventDefault();
      return setDismissed(true);
    }
    const picked = matches[at];
    if (!picked || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((at + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      insert(picked);
    }
  };

  const listed = open && matches.length > 0;
  const note = failed
    ? "Saved replies could not be loaded."
    : !replies
      ? "Loading saved replies…"
      : replies.length === 0
        ? "No saved replies yet: owners add them under Saved replies."
        : `No saved reply matches “${query}”.`;
  return (
    <div class="saved-replies">
      {listed && (
        <div id={listId} class="saved-replies-list" role="listbox" aria-label="Saved replies">
          {matches.map((r, i) => (
            // The keys are the box's (focus stays there, aria-activedescendant says which option is active); a
            // click on an option is the mouse's way to the same.
            // biome-ignore lint/a11y/useKeyWithClickEvents: the message box handles the keys (onKey above).
            <div
              key={r.id}
              id={`${listId}-${i}`}
              class="saved-reply"
              role="option"
              tabIndex={-1}
              aria-selected={i === at}
              // The box keeps focus (and its caret) when a reply is clicked.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => insert(r)}
            >
              <span>
                <strong>/{r.shortcut}</strong>
                {r.title && <span> {r.title}</span>}
              </span>
              <span class="saved-reply-text">{preview(r.text)}</span>
            </div>
          ))}
        </div>
      )}
      <p class="saved-replies-note" role="status">
        {open && !listed ? note : ""}
      </p>
      <Composer
        text={text}
        onText={type}
        onSend={props.onSend}
        disabled={props.disabled}
        onKey={onKey}
        box={{
          "aria-autocomplete": "list",
          "aria-controls": listed ? listId : undefined,
          "aria-activedescendant": listed ? `${listId}-${at}` : undefined,
          placeholder: "Type / for saved replies",
        }}
      />
    </div>
  );
}
