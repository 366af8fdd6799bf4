// One scoring rule: a line with its points, when it holds and its reason; opened, its fields.
import type { Condition, Playbook } from "../../../../../shared/engine/playbook.ts";
import { describeCondition } from "../../../../../shared/engine/playbook-diff.ts";
import { ConditionField } from "../condition-field.tsx";
import { fieldId } from "../draft.ts";
import { FieldErrors, NumberField, TextField } from "../fields.tsx";
import { ItemActions, ItemToggle, named } from "../item-actions.tsx";

type Rule = Playbook["scoring"]["rules"][number];

// The draft may hold any JSON here: a condition that cannot be read in words yet is named as such.
function when(c: unknown, p: Playbook): string {
  try {
    return describeCondition(c as Condition, p);
  } catch {
    return "a condition to fix";
  }
}

export function RuleItem(props: {
  playbook: Playbook;
  at: number;
  open: boolean;
  erred: boolean;
  toggle(): void;
  set(list: unknown[]): void;
  moved(from: number, to: number | null): void;
}) {
  const { playbook, at } = props;
  const rules = playbook.scoring.rules;
  const r = rules[at] as Rule;
  const path = `scoring.rules.${at}`;
  const points = typeof r.points === "number" ? (r.points > 0 ? `+${r.points}` : String(r.points)) : "?";
  return (
    <li class="pb-answer">
      <ItemToggle open={props.open} path={path} erred={props.erred} toggle={props.toggle}>
        <span class="pb-answer-name pb-points">{points}</span>
        <span>
          {when(r.when, playbook)}
          <span class="pb-hint"> · {named(r.reason)}</span>
        </span>
      </ItemToggle>
      {props.open && (
        <fieldset id={fieldId(path)} class="pb-answer-body">
          <legend class="banter-sr">Rule {at + 1}</legend>
          <FieldErrors path={path} />
          <div class="pb-row">
            <NumberField path={["scoring", "rules", at, "points"]} label="Points" />
            <TextField
              path={["scoring", "rules", at, "group"]}
              label="Group"
              optional
              hint="Only the first rule that holds in a group counts."
            />
          </div>
          <TextField
            path={["scoring", "rules", at, "reason"]}
            label="Reason"
            hint="{slot} reads as that answer; {count} as what the rule's behaviour counted (views, visits, days)."
          />
          <ConditionField path={["scoring", "rules", at, "when"]} label="Adds its points when" behaviour />
          <ItemActions
            list={rules}
            at={at}
            name={`rule ${at + 1}`}
            path="scoring.rules"
            set={props.set}
            moved={props.moved}
          />
        </fieldset>
      )}
    </li>
  );
}
