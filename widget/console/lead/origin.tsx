// Where a lead came from and who the host page says they are: shown on the ringing offer, the live chat's card
// and the inbox and leads records. All of it comes from the visitor's browser: text only, and only http(s)
// addresses become links. "Verified" and "Unverified" are words, not a colour, so every reader gets them.
import type { LeadCard } from "../../../shared/protocol/index.ts";
import { PageLink } from "./facts.tsx";
import { sourceLine } from "./labels.ts";

export function SourceFacts(props: { lead: LeadCard }) {
  const { source } = props.lead;
  const utm = source?.utm;
  // Conversations from before sources were recorded say nothing rather than "direct".
  if (!source) return null;
  return (
    <>
      <div>
        <dt>Source</dt>
        <dd class="lead-card-source">{sourceLine(source)}</dd>
      </div>
      {utm?.term && (
        <div>
          <dt>Search term</dt>
          <dd>{utm.term}</dd>
        </div>
      )}
      {utm?.content && (
        <div>
          <dt>Ad content</dt>
          <dd>{utm.content}</dd>
        </div>
      )}
      {source?.referrer && (
        <div>
          <dt>Referrer</dt>
          <dd>
            <PageLink url={source.referrer} />
          </dd>
        </div>
      )}
      {source?.landingPage && (
        <div>
          <dt>Landing page</dt>
          <dd>
            <PageLink url={source.landingPage} />
          </dd>
        </div>
      )}
    </>
  );
}

// The proactive message the visitor clicked to start the chat, named as the site names it now.
export function TriggerFact(props: { lead: LeadCard }) {
  const { trigger } = props.lead;
  if (!trigger) return null;
  return (
    <div>
      <dt>Started from</dt>
      <dd class="lead-card-trigger">{trigger.name ?? `${trigger.id} (deleted)`}</dd>
    </div>
  );
}

export function IdentityFacts(props: { lead: LeadCard }) {
  const { identity } = props.lead;
  if (!identity) return null;
  const who = [identity.name, identity.email].filter(Boolean).join(", ");
  return (
    <div>
      <dt>Signed in as</dt>
      <dd class="lead-card-identity">
        {who && <span>{who} </span>}
        {identity.userId && <span class="lead-card-user-id">(user id {identity.userId}) </span>}
        {identity.verified ? (
          <span class="identity-badge" data-verified="true">
            Verified
          </span>
        ) : (
          <span class="identity-badge" data-verified="false">
            Unverified
          </span>
        )}
        <span class="lead-card-identity-note">
          {" "}
          {identity.verified
            ? "The site signed this user id; the name and email are as its page gave them."
            : "The site did not sign this identity: the visitor could have typed it."}
        </span>
      </dd>
    </div>
  );
}
