// Hot leads waiting for a rep. First accept wins; the server says who.
import { useState } from "preact/hooks";
import type { LeadCard } from "../../shared/protocol/index.ts";
import { LeadCardView } from "./lead-card.tsx";
import { NotifyButton } from "./notify-button.tsx";

function OfferCard(props: { lead: LeadCard; now: number; onAccept(id: string): Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const accept = () => {
    setBusy(true);
    // The card usually disappears on success; on failure it stays and can be tried again.
    props.onAccept(props.lead.conversationId).finally(() => setBusy(false));
  };
  return (
    <li>
      <LeadCardView lead={props.lead} now={props.now}>
        <button type="button" class="banter-button" onClick={accept} disabled={busy} aria-busy={busy}>
          Accept
        </button>
      </LeadCardView>
    </li>
  );
}

export function Offers(props: { offers: LeadCard[]; now: number; onAccept(id: string): Promise<void> }) {
  return (
    <section class="console-offers" aria-labelledby="offers-heading">
      <div class="console-section-head">
        <h2 id="offers-heading">Offers</h2>
        <NotifyButton />
      </div>
      {props.offers.length === 0 ? (
        <p class="console-empty">No leads waiting</p>
      ) : (
        <ul class="console-offer-list">
          {props.offers.map((lead) => (
            <OfferCard key={lead.conversationId} lead={lead} now={props.now} onAccept={props.onAccept} />
          ))}
        </ul>
      )}
    </section>
  );
}
