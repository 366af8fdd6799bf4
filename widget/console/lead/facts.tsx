// The parts of a lead card that say where and when the visitor is: their local time, the pages they opened, and
// for a missed handoff, how they asked to be called back, and the follow-up emails sent. All of it comes from the visitor: text only, and only
// http(s) pages become links.
import type { FollowUpEmails, FollowUpStop, LeadCard } from "../../../shared/protocol/index.ts";
import { localTime, outcomeLabel, safeHttpUrl } from "./labels.ts";

// The latest pages say what the visitor is looking at now; older ones are counted, not listed.
const trailShown = 5;

export function PageLink(props: { url: string }) {
  const href = safeHttpUrl(props.url);
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {props.url}
    </a>
  ) : (
    <span>{props.url}</span>
  );
}

export function VisitorFacts(props: { lead: LeadCard; now: number }) {
  const { lead } = props;
  const time = localTime(lead.timeZone, props.now);
  const trail = lead.pageTrail ?? [];
  const shown = trail.slice(-trailShown);
  const earlier = trail.length - shown.length;
  return (
    <>
      {time && (
        <div>
          <dt>Local time</dt>
          <dd>
            {time} <span class="lead-card-zone">({lead.timeZone})</span>
          </dd>
        </div>
      )}
      {shown.length === 1 ? (
        <div>
          <dt>Page</dt>
          <dd>
            <PageLink url={shown[0] ?? ""} />
          </dd>
        </div>
      ) : shown.length > 0 ? (
        <div>
          <dt>Pages, latest last</dt>
          <dd>
            {earlier > 0 && <span class="lead-card-earlier">{earlier} earlier not shown</span>}
            <ol class="lead-card-trail">
              {shown.map((url, i) => (
                <li key={`${i}-${url}`}>
                  <PageLink url={url} />
                </li>
              ))}
            </ol>
          </dd>
        </div>
      ) : (
        lead.pageUrl && (
          <div>
            <dt>Page</dt>
            <dd>
              <PageLink url={lead.pageUrl} />
            </dd>
          </div>
        )
      )}
    </>
  );
}

// What happened to the lead after the chat: how it was closed, or that nobody took it in time.
export function FollowUpFacts(props: { lead: LeadCard }) {
  const { lead } = props;
  const callback = lead.callback;
  return (
    <>
      {lead.outcome && (
        <div>
          <dt>Outcome</dt>
          <dd>{outcomeLabel[lead.outcome] ?? lead.outcome}</dd>
        </div>
      )}
      {lead.missedHandoff && (
        <div>
          <dt>Call back</dt>
          <dd>
            {callback?.phone || callback?.when
              ? [callback.phone, callback.when].filter(Boolean).join(", ")
              : "No callback details left"}
          </dd>
        </div>
      )}
      {lead.followUpEmails && (
        <div>
          <dt>Follow-up emails</dt>
          <dd>{followUpEmailsLine(lead.followUpEmails)}</dd>
        </div>
      )}
    </>
  );
}

const stoppedBecause: Record<FollowUpStop, string> = {
  replied: "the visitor wrote again",
  unsubscribed: "unsubscribed",
  taken: "a rep took the lead",
  hot: "the lead turned hot",
};

// "1 of 2 sent; next on Tue, Dec 8", "2 of 2 sent", "1 of 2 sent; stopped: unsubscribed".
function followUpEmailsLine(f: FollowUpEmails): string {
  const sent = `${f.sent} of ${f.steps} sent`;
  if (f.stopped) return `${sent}; stopped: ${stoppedBecause[f.stopped.reason]}`;
  if (f.nextAt === undefined || f.sent >= f.steps) return sent;
  const next = new Date(f.nextAt).toLocaleDateString(undefined, { weekday: "short", month: "short", day: "numeric" });
  return `${sent}; next on ${next}`;
}
