// Adds a saved reply, or edits one: its shortcut, an optional title and the text reps send. The server's problems
// show next to their fields, and focus goes to the first.
import { useState } from "preact/hooks";
import { type SavedReply, type SavedReplyResult, savedReplyLimits } from "../../../../shared/protocol/index.ts";
import { useSubmit } from "../../common/use-submit.ts";
import { ApiError, api } from "../../shell/api.ts";
import { type Errors, errorProps, Field } from "../sites/fields.tsx";

export function ReplyForm(props: { reply?: SavedReply; onSaved(reply: SavedReply): void; onCancel?(): void }) {
  const editing = props.reply;
  // Ids are unique per form: an edit form and the add form can be on the page together.
  const idp = editing ? `sr-${editing.id}` : "sr-new";
  const [shortcut, setShortcut] = useState(editing?.shortcut ?? "");
  const [title, setTitle] = useState(editing?.title ?? "");
  const [text, setText] = useState(editing?.text ?? "");
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState("");
  const { busy, run } = useSubmit();

  const save = (ev: Event) => {
    ev.preventDefault();
    void run(
      async () => {
        setProblem("");
        const body = { shortcut, title, text };
        const { savedReply } = editing
          ? await api<SavedReplyResult>("PUT", `/api/saved-replies/${encodeURIComponent(editing.id)}`, body)
          : await api<SavedReplyResult>("POST", "/api/saved-replies", body);
        setErrors({});
        if (!editing) {
          setShortcut("");
          setTitle("");
          setText("");
        }
        props.onSaved(savedReply);
      },
      (err) => {
        const fields: Errors = {};
        for (const f of err instanceof ApiError ? err.fields : []) fields[`${idp}-${f.path}`] ??= f.message;
        setErrors(fields);
        setProblem(Object.keys(fields).length ? "Not saved: see the marked fields." : (err as Error).message);
        setTimeout(() => document.querySelector<HTMLElement>(`#${idp}-form [aria-invalid="true"]`)?.focus(), 0);
      },
    );
  };

  return (
    <form id={`${idp}-form`} class="saved-reply-form" onSubmit={save} noValidate aria-labelledby={`${idp}-heading`}>
      {editing ? (
        <h3 id={`${idp}-heading`}>Edit /{editing.shortcut}</h3>
      ) : (
        <h2 id={`${idp}-heading`}>New saved reply</h2>
      )}
      <Field
        id={`${idp}-shortcut`}
        label="Shortcut"
        errors={errors}
        hint="What reps type after / in a chat: letters, digits, - and _."
      >
        <input
          {...errorProps(`${idp}-shortcut`, errors, true)}
          value={shortcut}
          autoComplete="off"
          spellcheck={false}
          onInput={(e) => setShortcut(e.currentTarget.value)}
        />
      </Field>
      <Field id={`${idp}-title`} label="Title (optional)" errors={errors}>
        <input
          {...errorProps(`${idp}-title`, errors)}
          value={title}
          autoComplete="off"
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </Field>
      <Field
        id={`${idp}-text`}
        label="Text"
        errors={errors}
        hint={`Sent to the visitor as you write it, up to ${savedReplyLimits.text.toLocaleString("en-US")} characters.`}
      >
        <textarea
          {...errorProps(`${idp}-text`, errors, true)}
          rows={4}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </Field>
      <p role="alert" class="console-field-error">
        {problem}
      </p>
      <div class="console-form-actions">
        <button type="submit" class="banter-button" disabled={busy} aria-busy={busy}>
          {editing ? "Save changes" : "Add saved reply"}
        </button>
        {props.onCancel && (
          <button type="button" class="console-button-quiet" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
