// One lead: the lead card with its score's reasons and answers, the transcript, and erasing the visitor's data
// on their request (after a confirmation, then back to the table with a status).
import { useEffect, useRef, useState } from "preact/hooks";
import { leadContact } from "../../../../shared/leads/contact.ts";
import type { LeadDetail as Detail, LeadCard, LeadConversation, RepUser } from "../../../../shared/protocol/index.ts";
import { ConfirmDialog } from "../../common/dialog.tsx";
import { useNow } from "../../common/use-now.ts";
import { LeadCardView } from "../../lead/card.tsx";
import { leadName, outcomeLabel, tierLabel } from "../../lead/labels.ts";
import { RecordTranscript } from "../../lead/record-transcript.tsx";
import { SalesPanel } from "../../lead/sales-panel.tsx";
import { api } from "../../shell/api.ts";
import { href, navigate } from "../../shell/router.ts";
import { statusLabel } from "../inbox/labels.ts";
import { afterReturn, tableHref } from "./query.ts";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

// "12 Mar 2025, 10:04 · Hot · Meeting booked": enough to tell a person's chats apart.
function conversationLabel(c: LeadConversation): string {
  const outcome = c.outcome ? outcomeLabel[c.outcome] : statusLabel[c.status];
  return `${dateTime.format(c.createdAt)} · ${tierLabel[c.tier]} · ${outcome}`;
}

function EraseDialog(props: {
  lead: LeadCard;
  onErase(): Promise<void>;
  onDone(): void;
  returnFocus: { current: HTMLElement | null };
}) {
  return (
    <ConfirmDialog
      title="Delete this visitor's data?"
      confirmLabel="Delete data"
      failed="The data could not be deleted."
      danger
      onConfirm={props.onErase}
      onDone={props.onDone}
      returnFocus={props.returnFocus}
    >
      <p>
        Every conversation this visitor had on {props.lead.siteName} is deleted, with its transcript, answers and notes.
        An open chat is ended first. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}

// The visitor as the transcript names them: their name, else their email.
function visitorName(lead: LeadCard): string | undefined {
  const c = leadContact(lead);
  return c.name ?? c.email;
}

export function LeadDetail(props: { id: string; query: URLSearchParams; user: RepUser }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [problem, setProblem] = useState("");
  const [confirming, setConfirming] = useState(false);
  const eraseRef = useRef<HTMLButtonElement>(null);
  const now = useNow();
  const back = tableHref(props.query);
  const q = props.query.toString() ? `?${props.query.toString()}` : "";
  const newest = detail?.conversations[0]?.conversationId;

  useEffect(() => {
    let current = true;
    api<Detail>("GET", `/api/leads/${encodeURIComponent(props.id)}`).then(
      (d) => current && setDetail(d),
      (err: unknown) => current && setProblem(err instanceof Error ? err.message : "This lead could not be loaded."),
    );
    // Opened from the table, which stays the same page: the heading takes focus so the change is announced.
    document.getElementById("page-heading")?.focus();
    return () => {
      current = false;
    };
  }, [props.id]);

  const erase = async () => {
    const { erased } = await api<{ erased: string[] }>("DELETE", `/api/leads/${encodeURIComponent(props.id)}/visitor`);
    const n = erased.length;
    afterReturn(`The visitor's data was deleted: ${n} ${n === 1 ? "conversation" : "conversations"}.`);
    setConfirming(false);
    navigate(back);
  };

  return (
    <section class="console-page" aria-labelledby="page-heading">
      <p>
        <a href={back}>Back to leads</a>
      </p>
      <h1 id="page-heading" tabIndex={-1}>
        {detail ? `Lead: ${leadName(detail.lead)}` : "Lead"}
      </h1>
      <p role="alert" class="console-alert">
        {problem}
      </p>
      {!detail ? (
        !problem && <p role="status">Loading the lead…</p>
      ) : (
        <div class="leads-detail">
          <section class="console-card" aria-labelledby="lead-card-heading">
            <h2 id="lead-card-heading">Lead card</h2>
            <LeadCardView lead={detail.lead} now={now} heading={false} />
          </section>
          {newest === detail.lead.conversationId ? (
            <SalesPanel lead={detail.lead} user={props.user} onChanged={(lead) => setDetail({ ...detail, lead })} />
          ) : (
            <section class="console-card" aria-labelledby="sales-heading">
              <h2 id="sales-heading">Owner and status</h2>
              {/* P6: the person's owner and status live on their newest conversation, where the table reads them. */}
              <p>
                This person chatted again since. Their owner and status are on{" "}
                <a href={`${href("leads", newest ?? "")}${q}`}>their newest conversation</a>.
              </p>
            </section>
          )}
          {detail.conversations.length > 1 && (
            <section class="console-card" aria-labelledby="conversations-heading">
              <h2 id="conversations-heading">Conversations ({detail.conversations.length})</h2>
              <ul class="leads-conversations">
                {detail.conversations.map((c) => (
                  <li key={c.conversationId}>
                    {c.conversationId === detail.lead.conversationId ? (
                      <span aria-current="page">{conversationLabel(c)} (this one)</span>
                    ) : (
                      <a href={`${href("leads", c.conversationId)}${q}`}>{conversationLabel(c)}</a>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section class="console-card" aria-labelledby="transcript-heading">
            <h2 id="transcript-heading">Transcript</h2>
            <RecordTranscript messages={detail.messages} visitorName={visitorName(detail.lead)} />
          </section>
          <section class="console-card" aria-labelledby="erase-heading">
            <h2 id="erase-heading">Visitor's data</h2>
            <p>
              Visitor id: <code>{detail.visitorId}</code>
            </p>
            <p>
              When a visitor asks for their data to be deleted, delete it here. To find or export everything about them
              on every site, use <a href="#/privacy">Privacy</a> with this visitor id or their email.
            </p>
            <button ref={eraseRef} type="button" class="banter-button leads-danger" onClick={() => setConfirming(true)}>
              Delete this visitor's data
            </button>
          </section>
        </div>
      )}
      {confirming && detail && (
        <EraseDialog lead={detail.lead} onErase={erase} onDone={() => setConfirming(false)} returnFocus={eraseRef} />
      )}
    </section>
  );
}
