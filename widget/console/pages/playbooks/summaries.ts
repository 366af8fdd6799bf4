// The line each closed part of the editor shows: what it holds, read from the draft (valid or not, so every value
// is checked before it is named).
import type { Playbook } from "../../../../shared/engine/playbook.ts";
import { describeDecay } from "../../../../shared/engine/playbook-diff.ts";

type Loose = Record<string, unknown>;
const list = (v: unknown): Loose[] => (Array.isArray(v) ? (v as Loose[]) : []);
const text = (v: unknown) => (typeof v === "string" ? v : "");

// "5: Need, Budget, Authority" from each item's first named field.
const named = (v: unknown, ...keys: string[]) => {
  const items = list(v);
  const names = items.map((i) => keys.map((k) => text(i[k])).find(Boolean) ?? "");
  return items.length === 0 ? "None" : `${items.length}: ${names.filter(Boolean).join(", ")}`;
};

export const summaries = {
  settings: (p: Playbook) =>
    `${text(p.name)} · ${text(p.currency)} · asked for a person: ${p.humanRequest === "after-questions" ? "after the questions" : "at once"}`,
  questions: (p: Playbook) => named(p.questions, "label"),
  scoring: (p: Playbook) => {
    const t = (p.scoring?.thresholds ?? {}) as unknown as Loose;
    const d = (p.scoring?.decay ?? {}) as unknown as Loose;
    const decay =
      typeof d.afterDays === "number" && typeof d.pointsPerWeek === "number"
        ? `, inactivity ${describeDecay(p.scoring.decay)}`
        : "";
    return `${list(p.scoring?.rules).length} rules, warm at ${String(t.warm)}, hot at ${String(t.hot)}${decay}`;
  },
  disqualifiers: (p: Playbook) => named(p.disqualifiers, "reason"),
  answers: (p: Playbook) => named(p.answers, "topic", "id"),
  followUp: (p: Playbook) => `Emails: warm ${list(p.followUp?.warm).length}, cold ${list(p.followUp?.cold).length}`,
  copy: (p: Playbook) => `Greeting: “${text(p.copy?.greeting)}”`,
};
