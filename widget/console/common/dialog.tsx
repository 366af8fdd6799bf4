// A modal dialog on the native <dialog>: showModal() keeps focus inside, makes the page behind inert and closes
// on Escape. It is mounted while open; when it goes, focus goes back to the control that opened it.
import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { useSubmit } from "./use-submit.ts";

export function Dialog(props: {
  title: string;
  onClose(): void;
  returnFocus: { current: HTMLElement | null };
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { returnFocus } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      // After this render: the opener may have been re-rendered, or be gone with its pane (then the caller
      // decides where focus goes).
      setTimeout(() => {
        const opener = returnFocus.current;
        if (opener?.isConnected) opener.focus();
      }, 0);
    };
  }, [returnFocus]);

  // Escape: Preact state decides whether the dialog is shown, so the browser's own close is turned into ours.
  const onCancel = (e: Event) => {
    e.preventDefault();
    props.onClose();
  };

  return (
    <dialog ref={ref} class="console-dialog" aria-labelledby={titleId} onCancel={onCancel}>
      <h2 id={titleId} class="console-dialog-title">
        {props.title}
      </h2>
      {props.children}
    </dialog>
  );
}

// A question with one action and Cancel (delete, erase, rotate): the action runs on confirm; if it fails, the
// dialog stays open and says why, and the action can be tried again.
export function ConfirmDialog(props: {
  title: string;
  confirmLabel: string;
  // Shown when the action fails with something other than an Error with a message.
  failed: string;
  danger?: boolean;
  onConfirm(): Promise<void>;
  onDone(): void;
  returnFocus: { current: HTMLElement | null };
  children: ComponentChildren;
}) {
  const { busy, run } = useSubmit({ leaves: true });
  const [problem, setProblem] = useState("");
  const confirm = () =>
    run(
      () => {
        setProblem("");
        return props.onConfirm();
      },
      (err) => setProblem(err instanceof Error ? err.message : props.failed),
    );
  return (
    <Dialog title={props.title} onClose={props.onDone} returnFocus={props.returnFocus}>
      {props.children}
      <p role="alert" class="console-dialog-problem">
        {problem}
      </p>
      <div class="console-dialog-actions">
        <button
          type="button"
          class={props.danger ? "banter-button leads-danger" : "banter-button"}
          disabled={busy}
          aria-busy={busy}
          onClick={confirm}
        >
          {props.confirmLabel}
        </button>
        <button type="button" class="console-button-quiet" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
