// The form view of the draft: settings, the bot's copy, questions with their options, scoring, disqualifiers.
// Conditions (when, sql) nest, so they are small JSON boxes; variants and rates are edited in the JSON view.
import { useContext } from "preact/hooks";
import type { Option, Playbook, Question } from "../../../../shared/engine/playbook.ts";
import { type CopyKey, fieldId, move, removeAt } from "./draft.ts";
import {
  CheckboxField,
  Editor,
  FieldErrors,
  JsonField,
  ListField,
  NumberField,
  SelectField,
  TextField,
} from "./fields.tsx";
import { focusField } from "./summary.tsx";

// Labels for draft.ts's copyKeys, in the same order.
const copyFields: [CopyKey, string, string?][] = [
  ["greeting", "Greeting"],
  ["retry", "Retry", "Said before a question is asked again."],
  ["confirm", "Confirm", "{answer} is the answer being checked."],
  ["yes", "Yes button"],
  ["no", "No button"],
  ["skip", "Skip button"],
  ["corrected", "Corrected", "{label} and {answer} are filled in."],
  ["human", "Asked for a person"],
  ["humanLater", "Asked for a person, after the questions (optional)"],
  ["done", "Visitor is done"],
  ["handoff", "Handoff (hot lead)"],
  ["warm", "Warm lead"],
  ["cold", "Cold lead"],
  ["disqualified", "Disqualified"],
];

const answerTypes = ["choice", "text", "email", "phone", "number", "money", "timing", "authority"] as const;

// Move up / down / remove for one item of a list, named with the item so each button says what it acts on.
// Focus follows the item it moved, or goes to the list when the item is gone, never to the page's top.
function ItemActions(props: { list: unknown[]; at: number; name: string; path: string; set(list: unknown[]): void }) {
  const { list, at, name, path } = props;
  const id = (i: number, which: string) => `${fieldId(`${path}.${i}`)}-${which}`;
  const moveBy = (delta: -1 | 1) => {
    props.set(move(list, at, delta));
    const to = at + delta;
    // The same button at the item's new place, unless it is disabled there (moved to an end): then the other.
    const sameEnabled = delta < 0 ? to > 0 : to < list.length - 1;
    const which = delta < 0 === sameEnabled ? "up" : "down";
    setTimeout(() => document.getElementById(id(to, which))?.focus(), 0);
  };
  return (
    <div class="pb-actions">
      <button
        type="button"
        id={id(at, "up")}
        class="console-button-quiet"
        disabled={at === 0}
        onClick={() => moveBy(-1)}
      >
        Move up<span class="banter-sr"> {name}</span>
      </button>
      <button
        type="button"
        id={id(at, "down")}
        class="console-button-quiet"
        disabled={at === list.length - 1}
        onClick={() => moveBy(1)}
      >
        Move down<span class="banter-sr"> {name}</span>
      </button>
      <button
        type="button"
        class="console-button-quiet"
        onClick={() => {
          props.set(removeAt(list, at));
          setTimeout(() => focusField(path), 0);
        }}
      >
        Remove<span class="banter-sr"> {name}</span>
      </button>
    </div>
  );
}

// A legend's name from the draft, which in the JSON view may have been given any JSON at all.
const named = (v: unknown) => (typeof v === "string" ? v : "");

// A fresh id that no item of the list has yet ("option-3").
function freshId(prefix: string, taken: unknown[]): string {
  const used = new Set(taken.map(String));
  let n = taken.length + 1;
  while (used.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

function Options(props: { q: Question; qi: number }) {
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

export function PlaybookForm() {
  const { draft, change } = useContext(Editor);
  const p = draft as Playbook;
  const rules = p.scoring.rules;
  return (
    <div class="pb-form">
      <section class="console-card" aria-labelledby="pb-settings">
        <h2 id="pb-settings">Settings</h2>
        <div class="pb-row">
          <TextField path={["name"]} label="Name" />
          <SelectField path={["currency"]} label="Currency" options={["USD", "EUR", "GBP"]} />
          <SelectField
            path={["humanRequest"]}
            label="Asked for a person"
            options={["handoff", "after-questions"]}
            optional="handoff (default)"
          />
        </div>
      </section>

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

      <section class="console-card" aria-labelledby="pb-disqualifiers">
        <h2 id="pb-disqualifiers" tabIndex={-1}>
          Disqualifiers
        </h2>
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
      </section>

      <section class="console-card" aria-labelledby="pb-copy">
        <h2 id="pb-copy" tabIndex={-1}>
          What the bot says
        </h2>
        <FieldErrors path="copy" />
        {copyFields.map(([key, label, hint]) => (
          <TextField
            key={key}
            path={["copy", key]}
            label={label}
            hint={hint}
            multiline
            optional={key === "humanLater"}
          />
        ))}
      </section>
    </div>
  );
}
