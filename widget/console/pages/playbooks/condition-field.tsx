// A condition built with controls: rows of question, test and value, or of what the visitor did on the site (scoring
// only), matching all or any of them; and the same
// condition as JSON under "Advanced". Both write the draft, so an edit in one shows in the other; JSON that does not
// parse stays in its box, with the problem, and leaves the draft (and the rows) as they were.
import { useContext, useEffect, useState } from "preact/hooks";
import type { AnswerType } from "../../../../shared/engine/playbook.ts";
import {
  conditionOf,
  type Kind,
  kindOf,
  kinds,
  leafOf,
  rowsOf,
  type Test,
  testNames,
  testOf,
  testsFor,
  valuesFor,
  withSlot,
  withTest,
} from "./conditions.ts";
import { fieldId, getIn, type Path, pathKey } from "./draft.ts";
import { Editor, errorId, FieldErrors, ListField, NumberField, TextField } from "./fields.tsx";

interface QuestionLike {
  slot?: unknown;
  label?: unknown;
  type?: unknown;
  options?: unknown;
}

const asText = (v: unknown) => (typeof v === "string" ? v : "");

// A behaviour row's controls: the numbers are counts (S7), each label with its unit. A hint goes under the row, so
// the boxes of a row stay level.
function BehaviourFields(props: { path: Path; kind: Kind }) {
  const at = (k: string) => [...props.path, k];
  const hint = (text: string) => <p class="pb-hint pb-cond-hint">{text}</p>;
  switch (props.kind) {
    case "page":
      return (
        <>
          <TextField path={at("page")} label="Page" />
          <NumberField path={at("atLeast")} label="Views, at least" />
          {hint("A path (/pricing*), a host and path (acme.io/pricing*) or a whole address; * matches anything.")}
        </>
      );
    case "event":
      return (
        <>
          <TextField path={at("event")} label="Event name" />
          <NumberField path={at("atLeast")} label="Times, at least" />
          {hint("The name the site tracks with Banter('track', name); capitals aside.")}
        </>
      );
    case "visits":
      return <NumberField path={at("visits")} label="Visits, at least" hint="This one included." />;
    case "returnedWithinDays":
      return <NumberField path={at("returnedWithinDays")} label="Days, at most" hint="Since the visit before." />;
    case "minutesOnSite":
      return <NumberField path={at("minutesOnSite")} label="Minutes, at least" hint="Over all visits." />;
  }
}

function Row(props: {
  path: Path;
  n: number;
  questions: QuestionLike[];
  behaviour: boolean;
  removable: boolean;
  remove(): void;
}) {
  const ctx = useContext(Editor);
  const row = getIn(ctx.draft, props.path);
  const kind = kindOf(row);
  const leaf = leafOf(row);
  const slot = asText(leaf.slot);
  const test = testOf(row) as Test;
  const q = props.questions.find((x) => x.slot === slot);
  const tests = testsFor(q?.type as AnswerType | undefined);
  const shownTests = tests.includes(test) ? tests : [...tests, test];
  const isValues = Array.isArray(leaf.is) ? leaf.is.map(String) : leaf.is === undefined ? [] : [String(leaf.is)];
  const id = (part: string) => `${fieldId(pathKey(props.path))}-${part}`;
  const set = (next: unknown) => ctx.change(props.path, next);
  const firstValue = (x: QuestionLike | undefined) => valuesFor(x, [])[0]?.[0] ?? "none";
  const valuePath = test === "isNot" ? [...props.path, "not", "is"] : [...props.path, test];
  const number = test === "atLeast" || test === "below";
  const unit = q?.type === "money" ? "a year" : q?.type === "timing" ? "days from the chat" : "";
  return (
    <fieldset class="pb-cond-row">
      <legend class="banter-sr">Condition {props.n}</legend>
      <div class="pb-field">
        <label for={id("slot")}>Based on</label>
        <select
          id={id("slot")}
          // ":" cannot start a slot id, so a behaviour kind never reads as a question.
          value={kind ? `:${kind}` : slot}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (v.startsWith(":")) return set({ ...kinds[v.slice(1) as Kind][1] });
            const next = props.questions.find((x) => x.slot === v);
            // From a behaviour row, start from the question's first test rather than carry the behaviour's keys.
            set(withSlot(kind ? {} : row, v, testsFor(next?.type as AnswerType | undefined), firstValue(next)));
          }}
        >
          <optgroup label="Answer to">
            {!q && !kind && <option value={slot}>{slot || "(none)"}</option>}
            {props.questions.map((x) => (
              <option key={asText(x.slot)} value={asText(x.slot)}>
                {asText(x.label) || asText(x.slot)}
              </option>
            ))}
          </optgroup>
          {(props.behaviour || kind) && (
            <optgroup label="What they did">
              {(Object.keys(kinds) as Kind[])
                .filter((k) => props.behaviour || k === kind)
                .map((k) => (
                  <option key={k} value={`:${k}`}>
                    {kinds[k][0]}
                  </option>
                ))}
            </optgroup>
          )}
        </select>
      </div>
      {kind ? (
        <BehaviourFields path={props.path} kind={kind} />
      ) : (
        <>
          <div class="pb-field">
            <label for={id("test")}>Test</label>
            <select
              id={id("test")}
              value={test}
              onChange={(e) => set(withTest(row, e.currentTarget.value as Test, firstValue(q)))}
            >
              {shownTests.map((t) => (
                <option key={t} value={t}>
                  {testNames[t]}
                </option>
              ))}
            </select>
          </div>
          {(test === "is" || test === "isNot") && (
            <fieldset class="pb-cond-values">
              <legend>Value</legend>
              {valuesFor(q, isValues).map(([value, label]) => (
                <label key={value} class="pb-check">
                  <input
                    type="checkbox"
                    checked={isValues.includes(value)}
                    onChange={(e) => {
                      const next = e.currentTarget.checked ? [...isValues, value] : isValues.filter((v) => v !== value);
                      ctx.change(valuePath, next.length === 1 ? next[0] : next);
                    }}
                  />
                  {label}
                </label>
              ))}
            </fieldset>
          )}
          {number && <NumberField path={valuePath} label="Value" hint={unit} />}
          {test === "endsWith" && (
            // Emptied, the list stays a list (the schema then asks for an ending) rather than leaving a row without a test.
            <Editor.Provider value={{ ...ctx, change: (p, v) => ctx.change(p, v ?? []) }}>
              <ListField path={valuePath} label="Value" hint="e.g. @gmail.com; separate with commas." />
            </Editor.Provider>
          )}
        </>
      )}
      <button type="button" class="console-button-quiet" disabled={!props.removable} onClick={props.remove}>
        Remove<span class="banter-sr"> condition {props.n}</span>
      </button>
    </fieldset>
  );
}

// The condition as JSON; text that does not parse stays here, unsaved, with the problem next to it.
function JsonBox(props: { id: string; path: Path; optional: boolean; errorIds: string[] }) {
  const ctx = useContext(Editor);
  const value = getIn(ctx.draft, props.path);
  const format = (v: unknown) => (v === undefined ? "" : JSON.stringify(v, null, 1).replace(/\n\s*/g, " "));
  const [text, setText] = useState(() => format(value));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    // Another control changed the draft: show it, unless this box already says the same.
    // (While the box holds text that does not parse, the draft has not moved: a change now came from elsewhere.)
    try {
      if (JSON.stringify(JSON.parse(text)) === JSON.stringify(value)) return;
    } catch {}
    if (text.trim() === "" && value === undefined) return;
    setText(format(value));
    setProblem(null);
  }, [value]);
  const described = [...props.errorIds, ...(problem ? [`${props.id}-problem`] : [])];
  return (
    <div class="pb-field">
      <label for={props.id}>Condition as JSON</label>
      <textarea
        id={props.id}
        class="pb-code"
        rows={2}
        spellcheck={false}
        value={text}
        aria-invalid={described.length > 0}
        aria-describedby={described.length > 0 ? described.join(" ") : undefined}
        onInput={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          if (t.trim() === "" && props.optional) {
            setProblem(null);
            ctx.change(props.path, undefined);
            return;
          }
          try {
            ctx.change(props.path, JSON.parse(t));
            setProblem(null);
          } catch {
            setProblem(
              "Not valid JSON yet: this change is not in the draft, and the controls above keep the last valid condition.",
            );
          }
        }}
      />
      {problem && (
        <p id={`${props.id}-problem`} class="pb-error">
          {problem}
        </p>
      )}
    </div>
  );
}

export function ConditionField(props: {
  path: Path;
  label: string;
  hint?: string;
  optional?: boolean;
  empty?: string;
  // Offers what the visitor did on the site besides their answers (scoring rules and sql, S7).
  behaviour?: boolean;
}) {
  const ctx = useContext(Editor);
  const key = pathKey(props.path);
  const value = getIn(ctx.draft, props.path);
  const rows = rowsOf(value, props.path);
  const questions = (((ctx.draft as { questions?: unknown }).questions ?? []) as QuestionLike[]).filter(
    (q) => typeof q?.slot === "string",
  );
  const list = rows ? rows.paths.map((p) => getIn(ctx.draft, p)) : [];
  const set = (mode: "all" | "any", next: unknown[]) => ctx.change(props.path, conditionOf(mode, next));
  const first = questions[0];
  const fresh = () => (first ? { slot: asText(first.slot), known: true } : { ...kinds.page[1] });
  const errorIds = ctx.errors.has(key) ? [errorId(key)] : [];
  return (
    <fieldset id={fieldId(key)} class="pb-cond" aria-describedby={props.hint ? `${fieldId(key)}-hint` : undefined}>
      <legend>{props.label}</legend>
      {props.hint && (
        <p id={`${fieldId(key)}-hint`} class="pb-hint">
          {props.hint}
        </p>
      )}
      <FieldErrors path={key} />
      {rows === null ? (
        <p class="pb-hint">Nested conditions cannot be shown as rows: edit this one as JSON below.</p>
      ) : (
        <>
          {rows.paths.length === 0 && <p class="pb-hint">{props.empty ?? "Always."}</p>}
          {rows.paths.length > 1 && (
            <div class="pb-field pb-cond-mode">
              <label for={`${fieldId(key)}-mode`}>Holds when</label>
              <select
                id={`${fieldId(key)}-mode`}
                value={rows.mode}
                onChange={(e) => set(e.currentTarget.value as "all" | "any", list)}
              >
                <option value="all">all of these hold</option>
                <option value="any">any of these holds</option>
              </select>
            </div>
          )}
          {rows.paths.map((p, i) => (
            <Row
              key={i}
              path={p}
              n={i + 1}
              questions={questions}
              behaviour={props.behaviour === true}
              removable={props.optional === true || rows.paths.length > 1}
              remove={() =>
                set(
                  rows.mode,
                  list.filter((_, k) => k !== i),
                )
              }
            />
          ))}
          <button
            type="button"
            class="console-button-quiet"
            disabled={!first && !props.behaviour}
            onClick={() => set(rows.mode, [...list, fresh()])}
          >
            Add a condition<span class="banter-sr"> to {props.label}</span>
          </button>
        </>
      )}
      <details class="pb-cond-json" open={rows === null}>
        <summary>Advanced: edit as JSON</summary>
        <JsonBox id={`${fieldId(key)}-json`} path={props.path} optional={props.optional === true} errorIds={errorIds} />
      </details>
    </fieldset>
  );
}
