// The editor's controls. Each one reads and writes the draft at a path, and shows the errors anchored there
// (aria-invalid, aria-describedby), so a problem is read out with the field it belongs to.
import type { ComponentChildren } from "preact";
import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import { fieldId, getIn, type Path, pathKey, splitLines, splitList } from "./draft.ts";

export interface EditorContext {
  draft: unknown;
  errors: ReadonlyMap<string, string[]>;
  change(path: Path, value: unknown): void;
}

export const Editor = createContext<EditorContext>({ draft: {}, errors: new Map(), change: () => {} });

export const errorId = (path: string) => `${fieldId(path)}-error`;

// The ids that describe a control: its own errors and an enclosing group's (thresholds).
function describe(ctx: EditorContext, key: string, also: string[]) {
  const ids = [key, ...also].filter((k) => ctx.errors.has(k)).map(errorId);
  return { invalid: ids.length > 0, describedBy: ids.length > 0 ? ids.join(" ") : undefined };
}

export function FieldErrors(props: { path: string }) {
  const messages = useContext(Editor).errors.get(props.path);
  if (!messages) return null;
  return (
    <p id={errorId(props.path)} class="pb-error">
      {messages.join(". ")}
    </p>
  );
}

interface FieldProps {
  path: Path;
  label: string;
  hint?: string;
  // Errors of an enclosing group that also concern this control.
  also?: string[];
}

function Wrap(props: { path: string; label: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="pb-field">
      <label for={fieldId(props.path)}>{props.label}</label>
      {props.children}
      {props.hint && <span class="pb-hint">{props.hint}</span>}
      <FieldErrors path={props.path} />
    </div>
  );
}

export function TextField(props: FieldProps & { multiline?: boolean; optional?: boolean; rows?: number }) {
  const ctx = useContext(Editor);
  const key = pathKey(props.path);
  const raw = getIn(ctx.draft, props.path);
  const value = raw === undefined || raw === null ? "" : String(raw);
  const d = describe(ctx, key, props.also ?? []);
  const onInput = (e: Event) => {
    const v = (e.currentTarget as HTMLInputElement).value;
    ctx.change(props.path, props.optional && v === "" ? undefined : v);
  };
  const common = {
    id: fieldId(key),
    value,
    "aria-invalid": d.invalid,
    "aria-describedby": d.describedBy,
    onInput,
  };
  return (
    <Wrap path={key} label={props.label} hint={props.hint}>
      {props.multiline ? <textarea rows={props.rows ?? 2} {...common} /> : <input type="text" {...common} />}
    </Wrap>
  );
}

// A control whose text is kept as typed while it does not yet mean a value ("-" on the way to "-5", "a," on the
// way to "a, b"): the draft gets the value, the box keeps the words.
function useBuffer(value: unknown, format: (v: unknown) => string, same: (text: string, v: unknown) => boolean) {
  const [text, setText] = useState(() => format(value));
  useEffect(() => {
    if (!same(text, value)) setText(format(value));
  }, [value]);
  return [text, setText] as const;
}

export function NumberField(props: FieldProps) {
  const ctx = useContext(Editor);
  const key = pathKey(props.path);
  const value = getIn(ctx.draft, props.path);
  const format = (v: unknown) => (v === undefined ? "" : String(v));
  const [text, setText] = useBuffer(value, format, (t, v) => t === format(v) || (t.trim() !== "" && Number(t) === v));
  const d = describe(ctx, key, props.also ?? []);
  return (
    <Wrap path={key} label={props.label} hint={props.hint}>
      <input
        id={fieldId(key)}
        type="text"
        inputMode="decimal"
        value={text}
        aria-invalid={d.invalid}
        aria-describedby={d.describedBy}
        onInput={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          // Not a number: the draft holds the text, and the schema says what is wrong next to the box.
          ctx.change(props.path, t.trim() !== "" && Number.isFinite(Number(t)) ? Number(t) : t);
        }}
      />
    </Wrap>
  );
}

const joinList = (v: unknown) => (Array.isArray(v) ? v.join(", ") : "");
const joinLines = (v: unknown) => (Array.isArray(v) ? v.join("\n") : "");

// A list edited as text: the box keeps what is being typed (a separator, a line being started) while the draft
// holds the list it reads as.
function useListText(path: Path, join: (v: unknown) => string, split: (t: string) => string[] | undefined) {
  const ctx = useContext(Editor);
  const key = pathKey(path);
  const value = getIn(ctx.draft, path);
  const [text, setText] = useBuffer(value, join, (t, v) => join(split(t) ?? []) === join(v));
  const d = describe(ctx, key, []);
  const onInput = (t: string) => {
    setText(t);
    ctx.change(path, split(t));
  };
  return { key, text, d, onInput };
}

export function ListField(props: FieldProps) {
  const { key, text, d, onInput } = useListText(props.path, joinList, splitList);
  return (
    <Wrap path={key} label={props.label} hint={props.hint ?? "Separate with commas."}>
      <input
        id={fieldId(key)}
        type="text"
        value={text}
        aria-invalid={d.invalid}
        aria-describedby={d.describedBy}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </Wrap>
  );
}

// A list typed one item per line (an answer's example questions): the box keeps a line being started.
export function LinesField(props: FieldProps) {
  const { key, text, d, onInput } = useListText(props.path, joinLines, splitLines);
  return (
    <Wrap path={key} label={props.label} hint={props.hint ?? "One per line."}>
      <textarea
        id={fieldId(key)}
        // Every line in sight, and one to start the next (30 at most, as the schema allows).
        rows={Math.min(31, Math.max(2, text.split("\n").length + 1))}
        value={text}
        aria-invalid={d.invalid}
        aria-describedby={d.describedBy}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </Wrap>
  );
}

// A choice of [value, text] pairs; "" writes no key (the field's default). `read` maps what the draft holds to one of
// the values (an explicit default reads as "").
export function SelectField(
  props: FieldProps & { options: readonly (readonly [string, string])[]; read?: (v: unknown) => string },
) {
  const ctx = useContext(Editor);
  const key = pathKey(props.path);
  const value = getIn(ctx.draft, props.path);
  const d = describe(ctx, key, []);
  return (
    <Wrap path={key} label={props.label} hint={props.hint}>
      <select
        id={fieldId(key)}
        value={props.read ? props.read(value) : typeof value === "string" ? value : ""}
        aria-invalid={d.invalid}
        aria-describedby={d.describedBy}
        onChange={(e) => ctx.change(props.path, e.currentTarget.value || undefined)}
      >
        {props.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

// Checked writes `checkedValue` (freeText: false is "buttons only"); unchecked leaves the default (no key).
export function CheckboxField(props: FieldProps & { checkedValue?: boolean }) {
  const on = props.checkedValue ?? true;
  const ctx = useContext(Editor);
  const key = pathKey(props.path);
  const d = describe(ctx, key, []);
  return (
    <div class="pb-field pb-check">
      <input
        id={fieldId(key)}
        type="checkbox"
        checked={getIn(ctx.draft, props.path) === on}
        aria-invalid={d.invalid}
        aria-describedby={d.describedBy}
        onChange={(e) => ctx.change(props.path, e.currentTarget.checked ? on : undefined)}
      />
      <label for={fieldId(key)}>{props.label}</label>
      <FieldErrors path={key} />
    </div>
  );
}
