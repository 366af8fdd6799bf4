// The lead card: everything a rep needs to decide in seconds and to open the conversation well. Shown on an
// offer (with an Accept button as its child) and in the lead panel beside an open conversation.
import type { ComponentChildren } from "preact";
import type { LeadCard } from "../../../shared/protocol/index.ts";
import { duration } from "../common/use-now.ts";
import { AskedFacts } from "./asked.tsx";
import { FollowUpFacts, VisitorFacts } from "./facts.tsx";
import { leadLabel, leadName, reasonLine, stageLabel, tierLabel } from "./labels.ts";
import { IdentityFacts, SourceFacts, TriggerFact } from "./origin.tsx";
import { RatingFacts } from "./rating.tsx";
import { quotedWords } from "./summary.ts";

// `actions` go right under the badges (an offer's Accept, in view however long the card), `children` at the end.
export function LeadCardView(props: {
  lead: LeadCard;
  now: number;
  heading?: boolean;
  actions?: ComponentChildren;
  children?: ComponentChildren;
}) {
  const { lead, now } = props;
  const q = lead.qualification;
  const waitingSince = lead.queuedAt ?? lead.createdAt;
  const quotes = quotedWords(lead.answers);
  return (
    <article class="lead-card" data-tier={q.tier} aria-label={leadLabel(lead)}>
      {props.heading !== false && <h3 class="lead-card-name">{leadName(lead)}</h3>}
      <p class="lead-card-badges">
        <span class="tier-badge" data-tier={q.tier}>
          {tierLabel[q.tier]}
        </span>
        <span class="stage-badge">{stageLabel[q.stage]}</span>
        {/* FU12: accepted by sales; the bot's own classification stays in view. */}
        {lead.botStage && <span class="score">bot: {stageLabel[lead.botStage]}</span>}
        <span class="score">Score {q.score}</span>
        {lead.missedHandoff && <span class="missed-badge">Missed handoff</span>}
        {lead.slaBreachedAt !== undefined && <span class="missed-badge">Past speed-to-lead target</span>}
      </p>
      {lead.reengagedAt !== undefined && (
        <p class="lead-card-reengaged">
          <strong>Re-engaged</strong> ·{" "}
          {q.reasons
            .filter((r) => r.behaviour)
            .map((r) => r.reason)
            .join(", ") || "back on the site"}{" "}
          <time dateTime={new Date(lead.reengagedAt).toISOString()}>({duration(lead.reengagedAt, now)} ago)</time>
        </p>
      )}
      {props.actions}
      {q.reasons.length > 0 && (
        <ul class="lead-card-reasons" aria-label="Why this score">
          {q.reasons.map((r, i) => (
            <li key={`${r.slot}-${i}`} data-sign={r.points < 0 ? "negative" : "positive"}>
              {reasonLine(r)}
            </li>
          ))}
        </ul>
      )}
      {q.disqualifiedBecause && <p class="lead-card-dq">Disqualified: {q.disqualifiedBecause}</p>}
      {lead.outcomeReason && !q.disqualifiedBecause && (
        <p class="lead-card-reason">The visitor {lead.outcomeReason}.</p>
      )}
      {lead.answers.length > 0 && (
        <dl class="lead-card-answers">
          {lead.answers.map((a, i) => (
            <div key={`${a.slot}-${i}`} class="lead-card-answer">
              <dt>{a.label}</dt>
              <dd>
                {a.answer}
                {quotes[i] && <q class="lead-card-words">{quotes[i]}</q>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <AskedFacts lead={lead} />
      <dl class="lead-card-facts">
        <div>
          <dt>Email</dt>
          <dd>{lead.email ? <a href={`mailto:${lead.email}`}>{lead.email}</a> : "Not given"}</dd>
        </div>
        <IdentityFacts lead={lead} />
        <TriggerFact lead={lead} />
        <SourceFacts lead={lead} />
        <VisitorFacts lead={lead} now={now} />
        <div>
          <dt>{lead.status === "queued" ? "Waiting" : "Started"}</dt>
          <dd>
            <time dateTime={new Date(waitingSince).toISOString()}>
              {lead.status === "queued" ? duration(waitingSince, now) : `${duration(lead.createdAt, now)} ago`}
            </time>
          </dd>
        </div>
        <FollowUpFacts lead={lead} />
        <RatingFacts lead={lead} />
      </dl>
      {props.children}
    </article>
  );
}
