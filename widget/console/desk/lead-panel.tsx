// Who the lead is, beside the conversation: the lead in one line, then the whole card, scrolling on its own. On a
// phone it is a view of its own, opened from the conversation's header, with a way back.
import type { LeadCard } from "../../../shared/protocol/index.ts";
import { LeadCardView } from "../lead/card.tsx";
import { summaryLine } from "../lead/summary.ts";

export function LeadPanel(props: { lead: LeadCard; now: number; onBack(): void }) {
  return (
    <section class="desk-pane desk-lead" aria-labelledby="lead-heading">
      <div class="desk-pane-head">
        <button type="button" class="console-button-quiet desk-phone" onClick={props.onBack}>
          Back to chat
        </button>
        <h2 id="lead-heading" tabIndex={-1}>
          Lead details
        </h2>
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so a keyboard user can scroll a long card (axe: scrollable-region-focusable) */}
      <div class="desk-scroll" tabIndex={0}>
        <p class="desk-summary">{summaryLine(props.lead)}</p>
        <LeadCardView lead={props.lead} now={props.now} heading={false} />
      </div>
    </section>
  );
}
