// Handing a live conversation to a teammate. Everyone is listed so the rep sees why someone cannot take it; only
// reps who are available and below capacity can be chosen. The list follows presence broadcasts while open.
import { useEffect, useId, useState } from "preact/hooks";
import type { RepPresence } from "../../../shared/protocol/index.ts";
import { Dialog } from "../common/dialog.tsx";
import { useSubmit } from "../common/use-submit.ts";
import { repStatusLabel } from "../lead/labels.ts";
import { teammates, transferBlock } from "./team.ts";

export function TransferDialog(props: {
  team: RepPresence[];
  myId: string | undefined;
  onOpen(): void;
  onTransfer(to: RepPresence): Promise<string | undefined>;
  onDone(): void;
  returnFocus: { current: HTMLElement | null };
}) {
  const [choice, setChoice] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState("");
  const { busy, run } = useSubmit();
  const legendId = useId();
  const reps = teammates(props.team, props.myId);
  const chosen = reps.find((r) => r.repId === choice && !transferBlock(r));

  // Fresh numbers when the dialog opens: broadcasts keep them fresh from then on.
  useEffect(() => {
    props.onOpen();
  }, []);

  const submit = (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!chosen) {
      setProblem(choice ? "That teammate cannot take it any more. Choose another." : "Choose a teammate first.");
      return;
    }
    void run(async () => {
      const failed = await props.onTransfer(chosen);
      if (failed) setProblem(failed);
      else props.onDone();
    });
  };

  return (
    <Dialog title="Transfer conversation" onClose={props.onDone} returnFocus={props.returnFocus}>
      <form class="console-dialog-form" onSubmit={submit}>
        {reps.length === 0 ? (
          <p class="console-empty">No teammates yet.</p>
        ) : (
          <div class="console-choices" role="radiogroup" aria-labelledby={legendId}>
            <p id={legendId} class="console-choices-label">
              Transfer to
            </p>
            {reps.map((r) => {
              const block = transferBlock(r);
              return (
                <label key={r.repId} class="console-choice" data-blocked={block ? "true" : undefined}>
                  <input
                    type="radio"
                    name="transfer-to"
                    value={r.repId}
                    checked={choice === r.repId}
                    disabled={!!block}
                    onChange={() => {
                      setChoice(r.repId);
                      setProblem("");
                    }}
                  />
                  <span class="console-choice-name">{r.name}</span>
                  <span class="console-choice-meta">
                    {repStatusLabel[r.status]}, {r.live} of {r.capacity} chats
                    {block && `, cannot take it: ${block}`}
                  </span>
                </label>
              );
            })}
          </div>
        )}
        {reps.length > 0 && reps.every((r) => transferBlock(r)) && (
          <p class="console-empty">Nobody can take it right now.</p>
        )}
        <p role="alert" class="console-dialog-problem">
          {problem}
        </p>
        <div class="console-dialog-actions">
          <button type="submit" class="banter-button" disabled={busy} aria-busy={busy}>
            Transfer
          </button>
          <button type="button" class="console-button-quiet" onClick={props.onDone}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
