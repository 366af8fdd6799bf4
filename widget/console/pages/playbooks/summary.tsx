// Every problem of the draft in one list at the top, each a button that moves focus to its field.
import type { Ref } from "preact";
import type { FieldError } from "../../../../shared/protocol/index.ts";
import { anchorOf, fieldId } from "./draft.ts";

// Focus on the control at a path, or the first control of the group there.
export function focusField(anchor: string) {
  const el = document.getElementById(fieldId(anchor));
  const target = el?.matches("input, select, textarea, button, [tabindex]")
    ? el
    : el?.querySelector<HTMLElement>("input, select, textarea, button");
  target?.scrollIntoView({ block: "center" });
  target?.focus();
}

export function ErrorSummary(props: {
  fields: FieldError[];
  shown: ReadonlySet<string> | null;
  boxRef?: Ref<HTMLElement>;
}) {
  const { fields, shown } = props;
  if (fields.length === 0) return null;
  return (
    <section class="pb-summary" tabIndex={-1} ref={props.boxRef} aria-labelledby="pb-summary-heading">
      <h2 id="pb-summary-heading">
        {fields.length === 1 ? "1 problem" : `${fields.length} problems`} to fix before publishing
      </h2>
      <ul>
        {fields.map((f, i) => {
          const text = `${f.path || "playbook"}: ${f.message}`;
          return (
            <li key={i}>
              {shown ? (
                <button type="button" class="pb-link" onClick={() => focusField(anchorOf(f.path, shown))}>
                  {text}
                </button>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
