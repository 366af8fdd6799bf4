// What Publish would change, read before it happens: each change with its words before and after. The server
// computes it with the engine's pure diff (shared/engine/playbook-diff.ts), in the words the version history uses.
import type { Ref } from "preact";
import type { PlaybookChange } from "../../../../shared/protocol/index.ts";

const verb = { added: "Added", removed: "Removed", changed: "Changed" } as const;

export function Review(props: {
  changes: PlaybookChange[];
  next: number;
  busy: boolean;
  headingRef: Ref<HTMLHeadingElement>;
  publish(): void;
  cancel(): void;
}) {
  const { changes } = props;
  return (
    <section class="console-card pb-review" aria-labelledby="pb-review-heading">
      <h2 id="pb-review-heading" ref={props.headingRef} tabIndex={-1}>
        Publish version {props.next}? {changes.length === 1 ? "1 change" : `${changes.length} changes`}
      </h2>
      {changes.length === 0 ? (
        <p>Only how the playbook is written changed (the same meaning): publishing makes no difference to visitors.</p>
      ) : (
        <ul class="pb-changes">
          {changes.map((c, i) => (
            <li key={i} class={`pb-change pb-change-${c.kind}`}>
              <p class="pb-change-what">
                <span class="pb-change-kind">{verb[c.kind]}</span> {c.what}
              </p>
              {c.before !== undefined && (
                <p class="pb-change-before">
                  <span class="pb-change-side">{c.kind === "changed" ? "Before" : "Was"}</span> {c.before}
                </p>
              )}
              {c.after !== undefined && (
                <p class="pb-change-after">
                  <span class="pb-change-side">{c.kind === "changed" ? "After" : "Now"}</span> {c.after}
                </p>
              )}
              {c.kind === "changed" && c.before === undefined && <p class="pb-hint">Was not set.</p>}
              {c.kind === "changed" && c.after === undefined && <p class="pb-hint">No longer set.</p>}
            </li>
          ))}
        </ul>
      )}
      <div class="pb-review-actions">
        <button type="button" class="banter-button" disabled={props.busy} onClick={props.publish}>
          Publish now
        </button>
        <button type="button" class="console-button-quiet" onClick={props.cancel}>
          Keep editing
        </button>
      </div>
      <p class="pb-hint">New conversations use the new version; those under way keep theirs.</p>
    </section>
  );
}
