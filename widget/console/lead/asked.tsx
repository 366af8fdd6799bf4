// What the visitor asked the bot (A5), in the card's grid under their answers: the topics it answered, then the
// questions it could not, quoted in the visitor's words, for the rep to pick up. Nothing when nothing was asked.
import type { LeadCard } from "../../../shared/protocol/index.ts";

// A chatty visitor's questions must not push the card's facts out of sight: the latest few, each cut short.
const unansweredShown = 3;
const wordsShown = 80;

const clip = (text: string) => (text.length > wordsShown ? `${text.slice(0, wordsShown - 1).trimEnd()}…` : text);
const unique = (items: string[]) => [...new Map(items.map((t) => [t.toLowerCase(), t])).values()];

export function AskedFacts(props: { lead: LeadCard }) {
  const asked = props.lead.asked ?? [];
  const topics = unique(asked.flatMap((a) => (a.topic ? [a.topic] : [])));
  const unanswered = unique(asked.flatMap((a) => (a.topic ? [] : [a.text.trim()])));
  if (topics.length === 0 && unanswered.length === 0) return null;
  const shown = unanswered.slice(-unansweredShown);
  const more = unanswered.length - shown.length;
  return (
    <dl class="lead-card-answers lead-card-asked">
      {topics.length > 0 && (
        <div>
          <dt>Asked about</dt>
          <dd>{topics.join(", ")}</dd>
        </div>
      )}
      {shown.length > 0 && (
        <div>
          <dt>Not answered</dt>
          <dd>
            {shown.map((text, i) => (
              <span key={text}>
                {i > 0 && ", "}
                <q>{clip(text)}</q>
              </span>
            ))}
            {more > 0 && ` and ${more} earlier`}
          </dd>
        </div>
      )}
    </dl>
  );
}
