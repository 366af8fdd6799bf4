// Saved replies ("#/saved-replies", owners): the team's answers to what visitors ask again and again, which reps
// put in a chat by typing "/" and the shortcut (desk/saved-replies.tsx). Add, edit in place, delete after a
// confirmation.
import { useEffect, useRef, useState } from "preact/hooks";
import { type SavedReply, type SavedReplyList, savedReplyLimits } from "../../../../shared/protocol/index.ts";
import { ConfirmDialog } from "../../common/dialog.tsx";
import { api } from "../../shell/api.ts";
import { ReplyForm } from "./reply-form.tsx";

const focus = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);

export function SavedRepliesPage() {
  const [replies, setReplies] = useState<SavedReply[] | null>(null);
  const [alert, setAlert] = useState("");
  // Said for the page: the add form starts afresh and an edited or deleted row is gone.
  const [said, setSaid] = useState("");
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [deleting, setDeleting] = useState<SavedReply | undefined>(undefined);
  const deleteRef = useRef<HTMLButtonElement | null>(null);

  const reload = () =>
    api<SavedReplyList>("GET", "/api/saved-replies").then(
      (r) => setReplies(r.savedReplies),
      (err: Error) => setAlert(err.message),
    );
  useEffect(() => {
    void reload();
  }, []);

  const saved = async (reply: SavedReply, was?: SavedReply) => {
    setSaid(was ? `Saved /${reply.shortcut}.` : `Added /${reply.shortcut}: reps can use it now.`);
    setEditing(undefined);
    await reload();
    if (was) focus(`sr-edit-${reply.id}`);
  };

  const remove = async () => {
    if (!deleting) return;
    await api<void>("DELETE", `/api/saved-replies/${encodeURIComponent(deleting.id)}`);
    setSaid(`Deleted /${deleting.shortcut}.`);
    setDeleting(undefined);
    await reload();
    // Its row, and the button that opened the dialog, are gone: keep the keyboard user's place in the list.
    focus("replies-heading");
  };

  return (
    <section class="console-page" aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>
        Saved replies
      </h1>
      <p>
        Answers your team gives again and again. In a chat, a rep types <kbd>/</kbd> and the shortcut to put one in the
        message box, then edits or sends it. They are shared by the whole team, on every site.
      </p>
      <p role="status" class="console-notice">
        {said}
      </p>
      <p role="alert" class="console-alert">
        {alert}
      </p>
      <div class="console-card">
        <ReplyForm onSaved={(r) => saved(r)} />
      </div>
      <section class="console-card" aria-labelledby="replies-heading">
        <h2 id="replies-heading" tabIndex={-1}>
          Your team's saved replies
          {replies && <span class="saved-reply-count"> {`${replies.length} of ${savedReplyLimits.replies}`}</span>}
        </h2>
        {!replies ? (
          !alert && <p role="status">Loading saved replies…</p>
        ) : replies.length === 0 ? (
          <p class="console-empty">No saved replies yet. Add the first above.</p>
        ) : (
          <ul class="saved-reply-rows">
            {replies.map((r) => (
              <li key={r.id} class="saved-reply-row">
                {editing === r.id ? (
                  <ReplyForm
                    reply={r}
                    onSaved={(next) => saved(next, r)}
                    onCancel={() => {
                      setEditing(undefined);
                      focus(`sr-edit-${r.id}`);
                    }}
                  />
                ) : (
                  <>
                    <div class="saved-reply-row-head">
                      <h3>
                        <code>/{r.shortcut}</code>
                        {r.title && <span class="saved-reply-row-title">{r.title}</span>}
                      </h3>
                      <div class="saved-reply-row-actions">
                        <button
                          id={`sr-edit-${r.id}`}
                          type="button"
                          class="console-button-quiet"
                          aria-label={`Edit /${r.shortcut}`}
                          onClick={() => {
                            setEditing(r.id);
                            focus(`sr-${r.id}-shortcut`);
                          }}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          class="console-button-quiet"
                          aria-label={`Delete /${r.shortcut}`}
                          aria-haspopup="dialog"
                          onClick={(e) => {
                            deleteRef.current = e.currentTarget;
                            setDeleting(r);
                          }}
                        >
                          Delete
                        </button>
                      </div>
                    </div>
                    <p class="saved-reply-row-text">{r.text}</p>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {deleting && (
        <ConfirmDialog
          title={`Delete /${deleting.shortcut}?`}
          confirmLabel="Delete saved reply"
          failed="The saved reply could not be deleted."
          danger
          onConfirm={remove}
          onDone={() => setDeleting(undefined)}
          returnFocus={deleteRef}
        >
          <p>Reps can no longer insert it. Messages already sent with it stay as they are.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
