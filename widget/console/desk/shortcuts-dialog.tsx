// The keyboard shortcuts, listed: opened with "?" or the desk's "Keyboard shortcuts" button.
import { Dialog } from "../common/dialog.tsx";
import { shortcuts } from "./shortcuts.ts";

export function ShortcutsDialog(props: { onDone(): void; returnFocus: { current: HTMLElement | null } }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={props.onDone} returnFocus={props.returnFocus}>
      <p class="desk-keys-note">They work anywhere on Chats except while you type in a box.</p>
      <dl class="desk-keys">
        {shortcuts.map((s) => (
          <div key={s.key}>
            <dt>
              <kbd>{s.key === "Escape" ? "Esc" : s.key.toUpperCase()}</kbd>
            </dt>
            <dd>{s.does}</dd>
          </div>
        ))}
      </dl>
      <div class="console-dialog-actions">
        <button type="button" class="banter-button" onClick={props.onDone}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
