// Satisfaction (rules F22-F23 in SPEC.md): how visitors rated their chats with reps, in all and per rep. Pure: the
// server passes the conversations.
import type { Rating, SatisfactionRow } from "../protocol/index.ts";

export interface RatedConversation {
  rating?: Rating;
}

// F23: one row from the ratings' scores, each with how many chats got it (the conversations' own ratings, or the
// counters' sums, from-counters.ts).
export function satisfactionRow(key: string, label: string, byScore: Iterable<[number, number]>): SatisfactionRow {
  let rated = 0;
  let total = 0;
  let satisfied = 0;
  for (const [score, n] of byScore) {
    rated += n;
    total += score * n;
    if (score >= 4) satisfied += n;
  }
  return {
    key,
    label,
    rated,
    satisfied,
    average: rated === 0 ? null : total / rated,
    share: rated === 0 ? null : satisfied / rated,
  };
}

const row = (key: string, label: string, ratings: readonly Rating[]) =>
  satisfactionRow(
    key,
    label,
    ratings.map((r): [number, number] => [r.score, 1]),
  );

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
