import type { QuickReply } from "../../shared/protocol/index.ts";

// A fieldset is a group to assistive tech without an explicit role.
export function QuickReplies(props: { options: QuickReply[]; onChoose(option: QuickReply): void }) {
  return (
    <fieldset class="banter-replies" aria-label="Quick replies">
      {props.options.map((o) => (
        <button key={o.value} type="button" class="banter-reply" onClick={() => props.onChoose(o)}>
          {o.label}
        </button>
      ))}
    </fieldset>
  );
}
