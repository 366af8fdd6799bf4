// A question's quick replies: label, value, synonyms, and what choosing one means.
import { useContext } from "preact/hooks";
import type { Option, Question } from "../../../../../shared/engine/playbook.ts";
import { fieldId } from "../draft.ts";
import { Editor, FieldErrors, ListField, TextField } from "../fields.tsx";
import { freshId, ItemActions, named } from "../item-actions.tsx";

export function Options(props: { q: Question; qi: number }) {
  const { change } = useContext(Editor);
  const options = props.q.options ?? [];
  const base = ["questions", props.qi, "options"];
  const set = (list: unknown[]) => change(base, list.length > 0 ? list : undefined);
  return (
    <fieldset id={fieldId(`questions.${props.qi}.options`)} class="pb-group">
      <legend>Answer options</legend>
      <FieldErrors path={`questions.${props.qi}.options`} />
      {options.length === 0 && <p class="pb-hint">No quick replies.</p>}
      {options.map((o: Option, oi) => (
        <fieldset key={oi} id={fieldId(`questions.${props.qi}.options.${oi}`)} class="pb-item">
          <legend>
            Option {oi + 1}: {named(o.label)}
          </legend>
          <FieldErrors path={`questions.${props.qi}.options.${oi}`} />
          <div class="pb-row">
            <TextField path={[...base, oi, "label"]} label="Label" />
            <TextField path={[...base, oi, "value"]} label="Value" />
          </div>
          <ListField path={[...base, oi, "synonyms"]} label="Synonyms" hint="Typed words that mean this option." />
          <div class="pb-row">
            <TextField
              path={[...base, oi, "means"]}
              label="Means"
              optional
              hint="For typed questions: the words read for this button."
            />
            <TextField
              path={[...base, oi, "disqualify"]}
              label="Disqualifies with reason"
              optional
              hint="Leave empty unless choosing it ends the chat."
            />
          </div>
          <ItemActions
            list={options}
            at={oi}
            name={`option ${oi + 1}`}
            path={`questions.${props.qi}.options`}
            set={set}
          />
        </fieldset>
      ))}
      <button
        type="button"
        class="console-button-quiet"
        onClick={() =>
          set([
            ...options,
            {
              value: freshId(
                "option",
                options.map((o) => o.value),
              ),
              label: "New option",
            },
          ])
        }
      >
        Add option<span class="banter-sr"> to question {props.qi + 1}</span>
      </button>
    </fieldset>
  );
}
