// A conversation read back after the fact (a lead's page, a conversation in the inbox): who said what, and when.
// The visitor on one side, the bot and the team on the other, each named in text and coloured apart; notices
// (a rep joined, the chat ended) as small centred lines. Nothing arrives here, so it is a plain list, not the live
// desk's log (ui/transcript.tsx). Text is always rendered as text.
import type { Message } from "../../../shared/protocol/index.ts";
import { safeLink } from "../../ui/transcript.tsx";

const time = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });
const dayAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dayOf = (at: number) => new Date(at).toDateString();

// Who said it, and in what part when a name alone would not tell: "Ana Lima · Visitor", "Rita · Rep", "Bot".
function author(m: Message, visitorName: string | undefined): [string, string?] {
  if (m.author === "visitor") return visitorName ? [visitorName, "Visitor"] : ["Visitor"];
  if (m.author === "rep") return m.authorName ? [m.authorName, "Rep"] : ["Rep"];
  return ["Bot"];
}

// `visitorName`: what the team calls the visitor (their name or email), when known.
export function RecordTranscript(props: { messages: Message[]; visitorName?: string | undefined }) {
  const { visitorName } = props;
  if (props.messages.length === 0) return <p class="console-empty">No messages.</p>;
  return (
    <ol class="record" aria-label="Transcript">
      {props.messages.map((m, i) => {
        // The date once, then again only when the conversation runs into another day.
        const newDay = i === 0 || dayOf(m.at) !== dayOf(props.messages[i - 1]?.at ?? m.at);
        const when = <time dateTime={new Date(m.at).toISOString()}>{(newDay ? dayAndTime : time).format(m.at)}</time>;
        if (m.author === "system") {
          return (
            <li key={m.seq} class="record-event">
              {m.text} · {when}
            </li>
          );
        }
        const link = m.link && safeLink(m.link);
        const [name, role] = author(m, visitorName);
        return (
          <li key={m.seq} class="record-msg" data-author={m.author}>
            <p class="record-meta">
              <span class="record-author">{name}</span>
              {role && ` · ${role}`} · {when}
            </p>
            <p class="record-text">{m.text}</p>
            {link && (
              <a class="record-link" href={link.url} target="_blank" rel="noopener noreferrer">
                {link.label}
                <span class="banter-sr"> (opens in a new tab)</span>
              </a>
            )}
          </li>
        );
      })}
    </ol>
  );
}
