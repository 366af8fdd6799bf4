// The desk's keyboard shortcuts, like Intercom's and Front's: single keys, so they never fire while the rep writes.
// A key typed in a text field, a select or a dialog is the rep's, not a shortcut; Escape leaves the message box.
import { useLayoutEffect, useRef } from "preact/hooks";

// Listed, with what each does, in the help dialog (shortcuts-dialog.tsx, its own chunk) and docs/console.md.
export type ShortcutKey = "a" | "j" | "k" | "r" | "c" | "?";

function writing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.closest("dialog") !== null || target.matches("textarea, select, input:not([type=radio], [type=checkbox])"))
  );
}

// `handlers` may change on every render; the listener calls the latest. Escape is handled where it starts (the
// message box), so it is not taken here. Listening from a layout effect: a pane drawn by one key (j, k, a) hears the
// next key at once, not only after the frame a plain effect waits for.
export function useShortcuts(handlers: Partial<Record<ShortcutKey, () => void>>): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing || writing(e.target)) return;
      // Caps Lock or Shift still means the key ("A" accepts).
      const run = ref.current[e.key.toLowerCase() as keyof typeof handlers];
      if (!run) return;
      e.preventDefault();
      run();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
