// The questions the bot asks, in order, each with its answer type, condition and options.
import { useContext } from "preact/hooks";
import type { Playbook, Question } from "../../../../../shared/engine/playbook.ts";
import { fieldId } from "../draft.ts";
import { CheckboxField, Editor, FieldErrors, JsonField, SelectField, TextField } from "../fields.tsx";
import { freshId, ItemActions, named } from "../item-actions.tsx";
import { Options } from "./options.tsx";

const answerTypes = ["choice", "text", "email", "phone", "number", "money", "timing", "authority"] as const;

function QuestionFields(props: { q: Question; qi: number; all: Question[] }) {
  const { change } = useContext(Editor);
  const { q, qi } = props;
  const at = (k: string) => ["questions", qi, k];
  return (
    <fieldset id={fieldId(`questions.${qi}`)} class="pb-item pb-question">
      <legend>
        Question {qi + 1}: {named(q.label)}
      </legend>
      <FieldErrors path={`questions.${qi}`} />
      <TextField path={at("text")} label="Text" multiline />
      <div class="pb-row">
        <TextField path={at("label")} label="Label" hint="How the lead card names the answer." />
        <SelectField path={at("type")} label="Answer type" options={answerTypes} />
      </div>
      <div class="pb-row">
        <TextField path={at("id")} label="Id" />
        <TextField path={at("slot")} label="Slot" hint="Conditions and scoring rules read the slot." />
      </div>
      <JsonField path={at("when")} label="Ask only when (condition JSON)" optional />
      <CheckboxField path={at("optional")} label="Optional (offer Skip)" />
      {q.type === "choice" && <CheckboxField path={at("freeText")} label="Buttons only" checkedValue={false} />}
      <Options q={q} qi={qi} />
      <ItemActions
        list={props.all}
        at={qi}
        name={`question ${qi + 1}`}
        path="questions"
        set={(l) => change(["questions"], l)}
      />
    </fieldset>
  );
}

export function QuestionsSection(props: { playbook: Playbook }) {
  const { change } = useContext(Editor);
  const p = props.playbook;
  return (
    <section class="console-card" aria-labelledby="pb-questions">
      <h2 id="pb-questions" tabIndex={-1}>
        Questions
      </h2>
      <FieldErrors path="questions" />
      {p.questions.map((q, qi) => (
        <QuestionFields key={qi} q={q} qi={qi} all={p.questions} />
      ))}
      <button
        type="button"
        class="console-button-quiet"
        onClick={() => {
          const id = freshId(
            "question",
            p.questions.map((q) => q.id),
          );
          change(["questions"], [...p.questions, { id, slot: id, label: "New question", type: "text", text: "?" }]);
        }}
      >
        Add question
      </button>
    </section>
  );
}
