// How answers become a score: the tier thresholds, what an SQL also needs, and the rules that add points.
import { useContext } from "preact/hooks";
import type { Playbook } from "../../../../../shared/engine/playbook.ts";
import { ConditionField } from "../condition-field.tsx";
import { fieldId } from "../draft.ts";
import { Editor, FieldErrors, NumberField } from "../fields.tsx";
import { useOpenItems } from "../item-actions.tsx";
import { summaries } from "../summaries.ts";
import { focusField } from "../summary.tsx";
import { RuleItem } from "./rule-item.tsx";
import { Section } from "./section.tsx";

// S10: off by default; switched on, it starts at two weeks idle and -5 a week, which the owner then tunes.
function Decay(props: { decay: unknown }) {
  const { change } = useContext(Editor);
  const on = props.decay !== undefined;
  return (
    <fieldset id={fieldId("scoring.decay")} class="pb-group">
      <legend>Inactivity</legend>
      <FieldErrors path="scoring.decay" />
      <div class="pb-field pb-check">
        <input
          id="pb-decay-on"
          type="checkbox"
          checked={on}
          onChange={(e) =>
            change(["scoring", "decay"], e.currentTarget.checked ? { afterDays: 14, pointsPerWeek: -5 } : undefined)
          }
        />
        <label for="pb-decay-on">Take points from leads who go quiet</label>
      </div>
      {on && (
        <div class="pb-row">
          <NumberField
            path={["scoring", "decay", "afterDays"]}
            label="Days without activity"
            hint="No page viewed, no event tracked."
          />
          <NumberField path={["scoring", "decay", "pointsPerWeek"]} label="Points per week" hint="Below 0, e.g. -5." />
        </div>
      )}
      <p class="pb-hint">
        Taken for each week begun after those days, as the score is read; the lead card shows "No activity for 23 days".
      </p>
    </fieldset>
  );
}

export function ScoringSection(props: { playbook: Playbook }) {
  const { change } = useContext(Editor);
  const p = props.playbook;
  const rules = p.scoring.rules;
  const set = (l: unknown[]) => change(["scoring", "rules"], l);
  const items = useOpenItems("scoring.rules", rules.length);
  return (
    <Section id="pb-scoring" title="Scoring" summary={summaries.scoring(p)} paths={["scoring"]}>
      <FieldErrors path="scoring" />
      <fieldset id={fieldId("scoring.thresholds")} class="pb-group">
        <legend>Tier thresholds</legend>
        <FieldErrors path="scoring.thresholds" />
        <div class="pb-row">
          <NumberField path={["scoring", "thresholds", "warm"]} label="Warm from" also={["scoring.thresholds"]} />
          <NumberField path={["scoring", "thresholds", "hot"]} label="Hot from" also={["scoring.thresholds"]} />
        </div>
      </fieldset>
      <ConditionField
        path={["scoring", "sql"]}
        label="A hot lead is an SQL when"
        optional
        empty="Always: every hot lead is an SQL."
        behaviour
      />
      <Decay decay={p.scoring.decay} />
      <h3 id={fieldId("scoring.rules")} tabIndex={-1}>
        Rules
      </h3>
      <FieldErrors path="scoring.rules" />
      {rules.length > 0 && (
        <ul class="pb-answers" aria-labelledby={fieldId("scoring.rules")}>
          {rules.map((_, ri) => (
            <RuleItem
              key={ri}
              playbook={p}
              at={ri}
              open={items.isOpen(ri)}
              erred={Boolean(items.erred[ri])}
              toggle={() => items.toggle(ri)}
              set={set}
              moved={items.moved}
            />
          ))}
        </ul>
      )}
      <button
        type="button"
        class="console-button-quiet"
        onClick={() => {
          change(
            ["scoring", "rules"],
            [...rules, { when: { slot: p.questions[0]?.slot ?? "", known: true }, points: 5, reason: "New rule" }],
          );
          items.toggle(rules.length);
          setTimeout(() => focusField(`scoring.rules.${rules.length}.points`), 0);
        }}
      >
        Add rule
      </button>
    </Section>
  );
}
