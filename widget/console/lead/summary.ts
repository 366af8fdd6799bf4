// The lead in one line, for the top of the desk's lead panel: "Hot · Score 82 · about $50,000 per year · decision
// maker (CTO) · this quarter". Each fact once, in the playbook's order.
import type { Answer, LeadCard } from "../../../shared/protocol/index.ts";
import { tierLabel } from "./labels.ts";

// A reading that does not say what it answers ("none", "not sure", "12") keeps its question's label.
const bare = /^(none|not sure|[\d.,\s]+)$/;

export function summaryLine(lead: LeadCard): string {
  const q = lead.qualification;
  const facts = lead.answers.map((a) => (bare.test(a.answer) ? `${a.label}: ${a.answer}` : a.answer));
  return [...new Set([tierLabel[q.tier], `Score ${q.score}`, ...facts])].join(" · ");
}

// One message often answers several questions at once ("$50k, I'm the CTO, this quarter"), and every answer keeps
// the words it was read from: the card quotes such words once, under the first answer read from them.
export function quotedWords(answers: Answer[]): (string | undefined)[] {
  const quoted = new Set<string>();
  return answers.map((a) => {
    if (a.words === a.answer || quoted.has(a.words)) return undefined;
    quoted.add(a.words);
    return a.words;
  });
}
