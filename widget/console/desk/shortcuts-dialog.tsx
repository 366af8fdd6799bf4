// The keyboard shortcuts (shortcuts.ts), listed: opened with "?" or the desk's "Keyboard shortcuts" button. Its own
// chunk, loaded when first opened.
import { Dialog } from "../common/dialog.tsx";

const shortcuts = [
  ["A", "Accept the ringing offer (the longest waiting)"],
  ["J", "Next conversation"],
  ["K", "Previous conversation"],
  ["R", "Reply: go to the message box"],
  ["Esc", "Leave the message box"],
  ["C", "Close the conversation (asks for the outcome)"],
  ["?", "Show these shortcuts"],
];

export function ShortcutsDialog(props: { onDone(): void; returnFocus: { current: HTMLElement | null } }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={props.onDone} returnFocus={props.returnFocus}>
      <p>They work anywhere on Chats, except while you type in a box.</p>
      <table>
        <tbody>
          {shortcuts.map(([key, does]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="console-dialog-actions">
        <button type="button" class="banter-button" onClick={props.onDone}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
