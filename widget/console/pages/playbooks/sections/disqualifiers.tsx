// Phrases that end the chat with a reason, whatever the score.
import { useContext } from "preact/hooks";
import type { Playbook } from "../../../../../shared/engine/playbook.ts";
import { fieldId } from "../draft.ts";
import { Editor, FieldErrors, ListField, TextField } from "../fields.tsx";
import { freshId, ItemActions, named } from "../item-actions.tsx";
import { summaries } from "../summaries.ts";
import { Section } from "./section.tsx";

export function DisqualifiersSection(props: { playbook: Playbook }) {
  const { change } = useContext(Editor);
  const p = props.playbook;
  return (
    <Section id="pb-disqualifiers" title="Disqualifiers" summary={summaries.disqualifiers(p)} paths={["disqualifiers"]}>
      <FieldErrors path="disqualifiers" />
      {p.disqualifiers.map((dq, di) => (
        <fieldset key={di} id={fieldId(`disqualifiers.${di}`)} class="pb-item">
          <legend>
            Disqualifier {di + 1}: {named(dq.reason)}
          </legend>
          <FieldErrors path={`disqualifiers.${di}`} />
          <div class="pb-row">
            <TextField path={["disqualifiers", di, "id"]} label="Id" />
            <TextField path={["disqualifiers", di, "reason"]} label="Reason" />
          </div>
          <ListField path={["disqualifiers", di, "phrases"]} label="Phrases" />
          <ItemActions
            list={p.disqualifiers}
            at={di}
            name={`disqualifier ${di + 1}`}
            path="disqualifiers"
            set={(l) => change(["disqualifiers"], l)}
          />
        </fieldset>
      ))}
      <button
        type="button"
        class="console-button-quiet"
        onClick={() =>
          change(
            ["disqualifiers"],
            [
              ...p.disqualifiers,
              {
                id: freshId(
                  "rule",
                  p.disqualifiers.map((d) => d.id),
                ),
                reason: "New reason",
                phrases: ["new phrase"],
              },
            ],
          )
        }
      >
        Add disqualifier
      </button>
    </Section>
  );
}
