// How the visitor rated the chat with its rep, once it ended (lifecycle L13): "Rated 4/5 · “Quick and helpful”",
// with the rep. The comment is the visitor's words: text only.
import type { LeadCard } from "../../../shared/protocol/index.ts";

export function RatingFacts(props: { lead: LeadCard }) {
  const r = props.lead.rating;
  if (!r) return null;
  return (
    <div>
      <dt>Rating</dt>
      <dd class="lead-card-rating">
        Rated {r.score}/5{r.comment && <> · “{r.comment}”</>}{" "}
        <span class="lead-card-zone">(chat with {r.repName})</span>
      </dd>
    </div>
  );
}
