// A labelled input whose error is tied to it (aria-invalid, aria-describedby), so a screen reader hears the
// problem with the field. Errors come from the server's `fields` or from the form's own checks.
import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import type { FieldError } from "../../../shared/protocol/index.ts";

export function Field(props: {
  label: string;
  value: string;
  onInput(value: string): void;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  required?: boolean;
  error?: string | undefined;
  hint?: ComponentChildren;
  inputRef?: { current: HTMLInputElement | null };
}) {
  const id = useId();
  const described = [props.hint ? `${id}-hint` : "", props.error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class="team-field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        ref={props.inputRef}
        // Preact types each input type's attributes apart; these three take the same ones.
        type={(props.type ?? "text") as "text"}
        value={props.value}
        autoComplete={props.autoComplete}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {props.hint && (
        <p id={`${id}-hint`} class="team-field-hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-error`} class="team-field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

// The server's field errors by path ("current", "email"), the first message of each.
export function byField(fields: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) out[f.path] ??= f.message;
  return out;
}
