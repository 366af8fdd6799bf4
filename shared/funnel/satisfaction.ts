// Satisfaction (rules F22-F23 in SPEC.md): how visitors rated their chats with reps, in all and per rep. Pure: the
// server passes the conversations.
import type { Rating, SatisfactionRow } from "../protocol/index.ts";

export interface RatedConversation {
  rating?: Rating;
}

// F23
function row(key: string, label: string, ratings: readonly Rating[]): SatisfactionRow {
  const rated = ratings.length;
  const total = ratings.reduce((sum, r) => sum + r.score, 0);
  const satisfied = ratings.filter((r) => r.score >= 4).length;
  return {
    key,
    label,
    rated,
    satisfied,
    average: rated === 0 ? null : total / rated,
    share: rated === 0 ? null : satisfied / rated,
  };
}

// F22, F23
export function satisfaction(conversations: readonly RatedConversation[]) {
  const ratings = conversations.flatMap((c) => (c.rating ? [c.rating] : []));
  const byRep = new Map<string, Rating[]>();
  for (const r of ratings) byRep.set(r.repId, [...(byRep.get(r.repId) ?? []), r]);
  return {
    all: row("all", "All reps", ratings),
    // Named as their latest rating names them (a rep renamed since keeps one row).
    byRep: [...byRep.entries()]
      .map(([repId, list]) => row(repId, list.reduce((a, b) => (b.at > a.at ? b : a)).repName, list))
      .sort((a, b) => b.rated - a.rated || a.label.localeCompare(b.label)),
  };
}
