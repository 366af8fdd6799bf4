// One part of the playbook, shown as a line until opened: its name, what it holds, and how many problems it has.
// The page opens as a short list; a part with a problem opens by itself and stays open while the owner fixes it.
import type { ComponentChildren } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import { Editor } from "../fields.tsx";

export function Section(props: {
  // The heading's id (what focus goes to when a list in the part is emptied).
  id: string;
  title: string;
  summary: string;
  // The draft paths whose problems belong to this part.
  paths: readonly string[];
  children: ComponentChildren;
}) {
  const { errors } = useContext(Editor);
  const problems = [...errors]
    .filter(([at]) => props.paths.some((p) => at === p || at.startsWith(`${p}.`)))
    .reduce((n, [, messages]) => n + messages.length, 0);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (problems > 0) setOpen(true);
  }, [problems > 0]);
  const body = `${props.id}-body`;
  return (
    <section class="console-card pb-section" aria-labelledby={`${props.id}-title`}>
      <h2 id={props.id} tabIndex={-1}>
        <button
          type="button"
          class="pb-section-toggle"
          aria-expanded={open}
          aria-controls={open ? body : undefined}
          onClick={() => setOpen(!open)}
        >
          <span id={`${props.id}-title`} class="pb-section-title">
            {props.title}
          </span>
          <span class="pb-section-summary">{props.summary}</span>
          {problems > 0 && (
            <span class="pb-error pb-section-problems">{problems === 1 ? "1 problem" : `${problems} problems`}</span>
          )}
        </button>
      </h2>
      {open && (
        <div id={body} class="pb-section-body">
          {props.children}
        </div>
      )}
    </section>
  );
}
