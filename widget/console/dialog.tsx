// A modal dialog on the native <dialog>: showModal() keeps focus inside, makes the page behind inert and closes
// on Escape. It is mounted while open; when it goes, focus goes back to the control that opened it.
import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";

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
