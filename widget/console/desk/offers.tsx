// Hot leads waiting for a rep. First accept wins; the server says who. An offer ringing this rep alone shows how
// long it rings before moving to a teammate; declining moves it on at once.
import { useRef } from "preact/hooks";
import type { LeadCard, Message } from "../../../shared/protocol/index.ts";
import { useSubmit } from "../common/use-submit.ts";
import { LeadCardView } from "../lead/card.tsx";
import { Countdown } from "./countdown.tsx";
import { NotifyButton } from "./notify-button.tsx";
import { OfferTranscript } from "./offer-transcript.tsx";

function OfferCard(props: {
  lead: LeadCard;
  now: number;
  onAccept(id: string): Promise<void>;
  onDecline(id: string): Promise<void>;
  loadTranscript(id: string): Promise<Message[]>;
}) {
  const { busy, run } = useSubmit();
  // The card usually disappears on success; on failure it stays and can be tried again.
  const act = (what: (id: string) => Promise<void>) => () => void run(() => what(props.lead.conversationId));
  const expiresAt = props.lead.offerExpiresAt;
  return (
    <li>
      <LeadCardView
        lead={props.lead}
        now={props.now}
        actions={
          <div class="offer-actions">
            <button type="button" class="banter-button" onClick={act(props.onAccept)} disabled={busy} aria-busy={busy}>
              Accept
            </button>
            {/* Not disabled while busy: that would drop focus to the page while the request is out. */}
            <button type="button" class="console-button-quiet" onClick={act(props.onDecline)}>
              Decline
            </button>
            {expiresAt !== undefined && <Countdown expiresAt={expiresAt} />}
          </div>
        }
      >
        <OfferTranscript conversationId={props.lead.conversationId} load={props.loadTranscript} />
      </LeadCardView>
    </li>
  );
}

export function Offers(props: {
  offers: LeadCard[];
  now: number;
  onAccept(id: string): Promise<void>;
  onDecline(id: string): Promise<unknown>;
  loadTranscript(id: string): Promise<Message[]>;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The focused Decline button goes with its card: focus moves to the list's heading, not to the page's top.
  const decline = async (id: string) => {
    await props.onDecline(id);
    setTimeout(() => {
      const focused = document.activeElement;
      if (!focused || focused === document.body) headingRef.current?.focus();
    }, 0);
  };
  return (
    <section class="console-offers" aria-labelledby="offers-heading">
      <div class="console-section-head">
        <h2 id="offers-heading" ref={headingRef} tabIndex={-1}>
          Offers
        </h2>
        <NotifyButton />
      </div>
      {props.offers.length === 0 ? (
        <p class="console-empty">No leads waiting</p>
      ) : (
        <ul class="console-offer-list">
          {props.offers.map((lead) => (
            <OfferCard
              key={lead.conversationId}
              lead={lead}
              now={props.now}
              onAccept={props.onAccept}
              onDecline={decline}
              loadTranscript={props.loadTranscript}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
