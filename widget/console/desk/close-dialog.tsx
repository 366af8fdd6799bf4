// Closing a conversation records what came of it: the rep picks one outcome before the conversation ends.
import { useId, useRef, useState } from "preact/hooks";
import { type Outcome, outcomes } from "../../../shared/protocol/index.ts";
import { Dialog } from "../common/dialog.tsx";
import { useSubmit } from "../common/use-submit.ts";
import { outcomeLabel } from "../lead/labels.ts";

export function CloseDialog(props: {
  onConfirm(outcome: Outcome): Promise<unknown>;
  onDone(): void;
  returnFocus: { current: HTMLElement | null };
}) {
  const [choice, setChoice] = useState<Outcome | undefined>(undefined);
  const [problem, setProblem] = useState("");
  const { busy, run } = useSubmit({ leaves: true });
  const legendId = useId();
  const firstRef = useRef<HTMLInputElement>(null);

  const submit = (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!choice) {
      setProblem("Choose an outcome first.");
      firstRef.current?.focus();
      return;
    }
    void run(async () => {
      await props.onConfirm(choice);
      props.onDone();
    });
  };

  return (
    <Dialog title="Close conversation" onClose={props.onDone} returnFocus={props.returnFocus}>
      <form class="console-dialog-form" onSubmit={submit}>
        <div class="console-choices" role="radiogroup" aria-labelledby={legendId}>
          <p id={legendId} class="console-choices-label">
            Outcome
          </p>
          {outcomes.map((o, i) => (
            <label key={o} class="console-choice">
              <input
                ref={i === 0 ? firstRef : undefined}
                type="radio"
                name="outcome"
                value={o}
                checked={choice === o}
                onChange={() => {
                  setChoice(o);
                  setProblem("");
                }}
              />
              {outcomeLabel[o]}
            </label>
          ))}
        </div>
        <p role="alert" class="console-dialog-problem">
          {problem}
        </p>
        <div class="console-dialog-actions">
          <button type="submit" class="banter-button" disabled={busy} aria-busy={busy}>
            Close conversation
          </button>
          <button type="button" class="console-button-quiet" onClick={props.onDone}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
