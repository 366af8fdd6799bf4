// "#/inbox/<id>": one conversation in full: the lead card with the score's reasons, every page the visitor
// opened, the transcript, and the team's notes. A live chat of mine links to the Chats page to answer it.
import { useEffect, useState } from "preact/hooks";
import { contactOf } from "../../../../shared/leads/contact.ts";
import type { ConversationRecord, RepUser } from "../../../../shared/protocol/index.ts";
import { useNow } from "../../common/use-now.ts";
import { LeadCardView } from "../../lead/card.tsx";
import { safeHttpUrl } from "../../lead/labels.ts";
import { RecordTranscript } from "../../lead/record-transcript.tsx";
import { SalesPanel } from "../../lead/sales-panel.tsx";
import { href } from "../../shell/router.ts";
import { getConversation } from "./inbox-api.ts";
import { statusLabel, whoLabel } from "./labels.ts";
import { Notes } from "./notes.tsx";

type Loaded =
  | { state: "loading" }
  | { state: "failed"; message: string; status?: number }
  | { state: "ready"; record: ConversationRecord };

export function ConversationRecordView(props: { id: string; user: RepUser }) {
  const now = useNow();
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    getConversation(props.id).then(
      (record) => current && setLoaded({ state: "ready", record }),
      (err: Error & { status?: number }) =>
        current && setLoaded({ state: "failed", message: err.message, ...(err.status ? { status: err.status } : {}) }),
    );
    return () => {
      current = false;
    };
  }, [props.id, attempt]);

  const record = loaded.state === "ready" ? loaded.record : undefined;
  const lead = record?.lead;
  const contact = lead && contactOf(lead.answers, lead.email, lead.identity);
  const title = contact ? whoLabel(contact) : "Conversation";
  const mineLive = lead?.status === "live" && record?.repId === props.user.id;

  return (
    <section class="console-page inbox" aria-labelledby="page-heading">
      <p class="inbox-back">
        <a href={href("inbox")}>Back to the inbox</a>
      </p>
      <h1 id="page-heading" tabIndex={-1}>
        {title}
      </h1>
      <div class="inbox-tools">
        {lead && <p class="inbox-row-status">{statusLabel[lead.status]}</p>}
        <button type="button" class="console-button-quiet" onClick={() => setAttempt((n) => n + 1)}>
          Refresh
        </button>
        {mineLive && lead && <a href={href("chats", lead.conversationId)}>Open live chat</a>}
      </div>
      <p role="status" class="banter-sr">
        {loaded.state === "loading" ? "Loading the conversation…" : ""}
      </p>
      {loaded.state === "failed" && (
        <p role="alert">
          {loaded.status === 404 ? "This conversation does not exist or is not yours to see." : loaded.message}
        </p>
      )}
      {record && lead && (
        <div class="inbox-record">
          <section class="console-card" aria-labelledby="lead-heading">
            <h2 id="lead-heading">Lead</h2>
            <LeadCardView lead={lead} now={now} heading={false} />
          </section>
          <SalesPanel
            lead={lead}
            user={props.user}
            onChanged={(next) => setLoaded({ state: "ready", record: { ...record, lead: next } })}
          />
          <section class="console-card" aria-labelledby="trail-heading">
            <h2 id="trail-heading">Pages visited</h2>
            {lead.pageTrail.length === 0 ? (
              <p class="console-empty">No pages recorded.</p>
            ) : (
              <ol class="inbox-trail" aria-label="Page trail, oldest first">
                {lead.pageTrail.map((url, i) => {
                  const safe = safeHttpUrl(url);
                  return (
                    <li key={`${i}-${url}`}>
                      {safe ? (
                        <a href={safe} target="_blank" rel="noopener noreferrer">
                          {url}
                        </a>
                      ) : (
                        url
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
          <section class="console-card" aria-labelledby="transcript-heading">
            <h2 id="transcript-heading">Transcript</h2>
            <RecordTranscript messages={record.messages} visitorName={contact?.name ?? contact?.email} />
          </section>
          <Notes
            conversationId={lead.conversationId}
            notes={record.notes}
            now={now}
            onAdded={(note) => setLoaded({ state: "ready", record: { ...record, notes: [...record.notes, note] } })}
          />
        </div>
      )}
    </section>
  );
}
