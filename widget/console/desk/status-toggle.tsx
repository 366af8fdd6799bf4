// The rep's availability, in the header: two radio buttons, so the current state is always read out with them.
import { useId } from "preact/hooks";
import { repStatusLabel } from "../lead/labels.ts";
import type { MyStatus } from "./presence.ts";

const choices: MyStatus[] = ["available", "away"];

export function StatusToggle(props: { status: MyStatus; onChange(status: MyStatus): void }) {
  const labelId = useId();
  return (
    <div class="console-status" role="radiogroup" aria-labelledby={labelId} data-status={props.status}>
      <span id={labelId} class="console-status-label">
        Your status
      </span>
      {choices.map((s) => (
        <label key={s} class="console-status-option" data-status={s}>
          <input
            type="radio"
            name="console-status"
            value={s}
            checked={props.status === s}
            onChange={() => props.onChange(s)}
          />
          {repStatusLabel[s]}
        </label>
      ))}
    </div>
  );
}
