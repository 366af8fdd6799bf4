// One answer: a line with its topic and how many examples it has; opened, its fields.
import { useContext } from "preact/hooks";
import type { Answer } from "../../../../../shared/engine/playbook.ts";
import { fieldId, getIn, type Path, setIn } from "../draft.ts";
import { Editor, type EditorContext, FieldErrors, LinesField, TextField } from "../fields.tsx";
import { ItemActions, ItemToggle, named } from "../item-actions.tsx";

// The link is optional as a whole: emptying both of its boxes removes it, rather than leaving a link without
// a label or an address for the schema to refuse.
function LinkFields(props: { at: number }) {
  const ctx = useContext(Editor);
  const base = ["answers", props.at, "link"];
  const change = (path: Path, value: unknown) => {
    const link = getIn(setIn(ctx.draft, path, value), base);
    const empty = link !== null && typeof link === "object" && Object.keys(link).length === 0;
    ctx.change(base, empty ? undefined : link);
  };
  const linkCtx: EditorContext = { ...ctx, change };
  return (
    <Editor.Provider value={linkCtx}>
      <div class="pb-row">
        <TextField path={[...base, "label"]} label="Link text" optional hint="Optional, e.g. See our plans." />
        <TextField path={[...base, "url"]} label="Link address" optional hint="Shown with the answer: https://…" />
      </div>
    </Editor.Provider>
  );
}

// An answer's text in sight without a scroll bar (at most 1,000 characters, P5): about 80 to a line.
const rowsFor = (text: unknown) => Math.min(14, Math.max(2, Math.ceil(String(text ?? "").length / 80) + 1));

export function AnswerItem(props: {
  answers: Answer[];
  at: number;
  open: boolean;
  erred: boolean;
  toggle(): void;
  set(list: unknown[]): void;
}) {
  const { answers, at, open } = props;
  const a = answers[at] as Answer;
  const path = `answers.${at}`;
  const name = named(a.topic) || named(a.id) || `Answer ${at + 1}`;
  const examples = Array.isArray(a.questions) ? a.questions.length : 0;
  return (
    <li class="pb-answer">
      <ItemToggle open={open} path={path} erred={props.erred} toggle={props.toggle}>
        <span class="pb-answer-name">{name}</span>
        <span class="pb-hint">
          {examples === 1 ? "1 example" : `${examples} examples`}
          {a.link ? ", a link" : ""}
        </span>
      </ItemToggle>
      {open && (
        <fieldset id={fieldId(path)} class="pb-answer-body">
          <legend class="banter-sr">
            Answer {at + 1}: {name}
          </legend>
          <FieldErrors path={path} />
          <TextField
            path={["answers", at, "topic"]}
            label="Topic"
            optional
            hint={`How the lead card names it ("Asked about: Pricing"). Empty: ${named(a.id)}.`}
          />
          <LinesField
            path={["answers", at, "questions"]}
            label="Example questions"
            hint="One per line, as visitors ask it: several short ones match better than one long one."
          />
          <TextField path={["answers", at, "answer"]} label="Answer" multiline rows={rowsFor(a.answer)} />
          <LinkFields at={at} />
          <ItemActions list={answers} at={at} name={`answer ${at + 1}`} path="answers" set={props.set} />
        </fieldset>
      )}
    </li>
  );
}
