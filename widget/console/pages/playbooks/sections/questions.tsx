// The questions the bot asks, in order, each with its answer type, condition and options.
import { useContext } from "preact/hooks";
import type { Playbook, Question } from "../../../../../shared/engine/playbook.ts";
import { ConditionField } from "../condition-field.tsx";
import { fieldId } from "../draft.ts";
import { CheckboxField, Editor, FieldErrors, SelectField, TextField } from "../fields.tsx";
import { freshId, ItemActions, ItemToggle, named, useOpenItems } from "../item-actions.tsx";
import { summaries } from "../summaries.ts";
import { focusField } from "../summary.tsx";
import { Options } from "./options.tsx";
import { Section } from "./section.tsx";

const answerTypes = [
  ["choice", "Choice (buttons)"],
  ["text", "Text"],
  ["email", "Email"],
  ["phone", "Phone"],
  ["number", "Number"],
  ["money", "Money (a budget)"],
  ["timing", "Timing (when)"],
  ["authority", "Authority (their role)"],
] as const;

const typeName = (t: unknown) => answerTypes.find(([v]) => v === t)?.[1] ?? String(t);

function QuestionFields(props: {
  q: Question;
  qi: number;
  all: Question[];
  open: boolean;
  erred: boolean;
  toggle(): void;
  moved(from: number, to: number | null): void;
}) {
  const { q, qi } = props;
  const at = (k: string) => ["questions", qi, k];
  const options = Array.isArray(q.options) ? q.options.length : 0;
  return (
    <li class="pb-answer">
      <ItemToggle open={props.open} path={`questions.${qi}`} erred={props.erred} toggle={props.toggle}>
        <span class="pb-answer-name">{named(q.label) || `Question ${qi + 1}`}</span>
        <span class="pb-hint">
          {typeName(q.type)}
          {options > 0 ? `, ${options === 1 ? "1 option" : `${options} options`}` : ""}
          {q.when ? ", asked only sometimes" : ""}
        </span>
      </ItemToggle>
      {props.open && <Fields {...props} at={at} />}
    </li>
  );
}

function Fields(props: {
  q: Question;
  qi: number;
  all: Question[];
  at(k: string): (string | number)[];
  moved(from: number, to: number | null): void;
}) {
  const { change } = useContext(Editor);
  const { q, qi, at } = props;
  return (
    <fieldset id={fieldId(`questions.${qi}`)} class="pb-answer-body">
      <legend class="banter-sr">
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
      <ConditionField
        path={at("when")}
        label="Ask only when"
        optional
        empty="Always asked (while its slot is unknown)."
      />
      <CheckboxField path={at("optional")} label="Optional (offer Skip)" />
      {q.type === "choice" && <CheckboxField path={at("freeText")} label="Buttons only" checkedValue={false} />}
      <Options q={q} qi={qi} />
      <ItemActions
        list={props.all}
        at={qi}
        name={`question ${qi + 1}`}
        path="questions"
        set={(l) => change(["questions"], l)}
        moved={props.moved}
      />
    </fieldset>
  );
}

export function QuestionsSection(props: { playbook: Playbook }) {
  const { change } = useContext(Editor);
  const p = props.playbook;
  const items = useOpenItems("questions", p.questions.length);
  return (
    <Section id="pb-questions" title="Questions" summary={summaries.questions(p)} paths={["questions"]}>
      <FieldErrors path="questions" />
      <ul class="pb-answers" aria-labelledby="pb-questions-title">
        {p.questions.map((q, qi) => (
          <QuestionFields
            key={qi}
            q={q}
            qi={qi}
            all={p.questions}
            open={items.isOpen(qi)}
            erred={Boolean(items.erred[qi])}
            toggle={() => items.toggle(qi)}
            moved={items.moved}
          />
        ))}
      </ul>
      <button
        type="button"
        class="console-button-quiet"
        onClick={() => {
          const id = freshId(
            "question",
            p.questions.map((q) => q.id),
          );
          change(["questions"], [...p.questions, { id, slot: id, label: "New question", type: "text", text: "?" }]);
          items.toggle(p.questions.length);
          setTimeout(() => focusField(`questions.${p.questions.length}.text`), 0);
        }}
      >
        Add question
      </button>
    </Section>
  );
}
