// How answers become a score: the tier thresholds, what an SQL also needs, and the rules that add points.
import { useContext } from "preact/hooks";
import type { Playbook } from "../../../../../shared/engine/playbook.ts";
import { fieldId } from "../draft.ts";
import { Editor, FieldErrors, JsonField, NumberField, TextField } from "../fields.tsx";
import { ItemActions } from "../item-actions.tsx";

export function ScoringSection(props: { playbook: Playbook }) {
  const { change } = useContext(Editor);
  const p = props.playbook;
  const rules = p.scoring.rules;
  return (
    <section class="console-card" aria-labelledby="pb-scoring">
      <h2 id="pb-scoring" tabIndex={-1}>
        Scoring
      </h2>
      <FieldErrors path="scoring" />
      <fieldset id={fieldId("scoring.thresholds")} class="pb-group">
        <legend>Tier thresholds</legend>
        <FieldErrors path="scoring.thresholds" />
        <div class="pb-row">
          <NumberField path={["scoring", "thresholds", "warm"]} label="Warm from" also={["scoring.thresholds"]} />
          <NumberField path={["scoring", "thresholds", "hot"]} label="Hot from" also={["scoring.thresholds"]} />
        </div>
      </fieldset>
      <JsonField
        path={["scoring", "sql"]}
        label="An SQL also needs (condition JSON)"
        optional
        hint="Empty: every hot lead is an SQL."
      />
      <h3 id={fieldId("scoring.rules")} tabIndex={-1}>
        Rules
      </h3>
      <FieldErrors path="scoring.rules" />
      {rules.map((_, ri) => (
        <fieldset key={ri} id={fieldId(`scoring.rules.${ri}`)} class="pb-item">
          <legend>Rule {ri + 1}</legend>
          <FieldErrors path={`scoring.rules.${ri}`} />
          <div class="pb-row">
            <NumberField path={["scoring", "rules", ri, "points"]} label="Points" />
            <TextField
              path={["scoring", "rules", ri, "group"]}
              label="Group"
              optional
              hint="Only the first rule that holds in a group counts."
            />
          </div>
          <TextField path={["scoring", "rules", ri, "reason"]} label="Reason" hint="{slot} reads as the answer." />
          <JsonField path={["scoring", "rules", ri, "when"]} label="When (condition JSON)" />
          <ItemActions
            list={rules}
            at={ri}
            name={`rule ${ri + 1}`}
            path="scoring.rules"
            set={(l) => change(["scoring", "rules"], l)}
          />
        </fieldset>
      ))}
      <button
        type="button"
        class="console-button-quiet"
        onClick={() =>
          change(
            ["scoring", "rules"],
            [...rules, { when: { slot: p.questions[0]?.slot ?? "", known: true }, points: 5, reason: "New rule" }],
          )
        }
      >
        Add rule
      </button>
    </section>
  );
}
