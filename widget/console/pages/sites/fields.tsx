// A labelled control with its error next to it: aria-invalid and aria-describedby tie the error to the control,
// so a screen reader reads it with the field.
import type { ComponentChildren } from "preact";

export type Errors = Record<string, string>;

export function errorProps(id: string, errors: Errors, hint?: boolean) {
  const described = [errors[id] ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ");
  return {
    id,
    "aria-invalid": errors[id] ? ("true" as const) : undefined,
    "aria-describedby": described || undefined,
  };
}

export function FieldError(props: { id: string; errors: Errors }) {
  const message = props.errors[props.id];
  return message ? (
    <p id={`${props.id}-error`} class="console-field-error">
      {message}
    </p>
  ) : null;
}

export function Field(props: {
  id: string;
  label: string;
  errors: Errors;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="console-field">
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p id={`${props.id}-hint`} class="console-field-hint">
          {props.hint}
        </p>
      )}
      {props.children}
      <FieldError id={props.id} errors={props.errors} />
    </div>
  );
}
