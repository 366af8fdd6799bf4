// Internal notes on a conversation: for the team only, never shown to the visitor.
import { useRef, useState } from "preact/hooks";
import { Limits, type Note } from "../../../../shared/protocol/index.ts";
import { useSubmit } from "../../common/use-submit.ts";
import { ApiError } from "../../shell/api.ts";
import { addNote } from "./inbox-api.ts";
import { ago } from "./labels.ts";

export function Notes(props: { conversationId: string; notes: Note[]; now: number; onAdded(note: Note): void }) {
  const [text, setText] = useState("");
  const { busy, run } = useSubmit();
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState("");
  const box = useRef<HTMLTextAreaElement>(null);

  const submit = (e: Event) => {
    e.preventDefault();
    // aria-disabled rather than disabled while busy: a disabled button would drop the keyboard focus.
    if (busy) return;
    if (!text.trim()) {
      setProblem("Write a note first.");
      box.current?.focus();
      return;
    }
    void run(
      async () => {
        setProblem(undefined);
        setDone("");
        props.onAdded(await addNote(props.conversationId, text));
        setText("");
        setDone("Note added");
      },
      (err) => {
        const field = err instanceof ApiError ? err.fields.find((f) => f.path === "text") : undefined;
        setProblem(field ? `Note: ${field.message}.` : (err as Error).message);
        box.current?.focus();
      },
    );
  };

  return (
    <section class="console-card inbox-notes" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Notes</h2>
      <p class="inbox-hint">Only your team sees notes; the visitor never does.</p>
      {props.notes.length === 0 ? (
        <p class="console-empty">No notes yet.</p>
      ) : (
        <ul class="inbox-note-list" aria-label="Notes">
          {props.notes.map((n) => (
            <li key={n.id} class="inbox-note">
              <p class="inbox-note-meta">
                {n.authorName}, <time dateTime={new Date(n.at).toISOString()}>{ago(n.at, props.now)}</time>
              </p>
              <p class="inbox-note-text">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      <form aria-label="Add note" onSubmit={submit} noValidate>
        <label for="note-text">Note</label>
        <textarea
          ref={box}
          id="note-text"
          rows={3}
          maxLength={Limits.noteText}
          value={text}
          aria-invalid={problem ? "true" : undefined}
          aria-describedby={problem ? "note-problem" : undefined}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        {problem && (
          <p id="note-problem" class="console-dialog-problem">
            {problem}
          </p>
        )}
        <button type="submit" class="banter-button" aria-disabled={busy}>
          Add note
        </button>
        <p role="status" class="banter-sr">
          {done}
        </p>
      </form>
    </section>
  );
}
