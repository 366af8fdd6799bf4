// What the visitor does on the site, applied to their conversation: the report merged into its behaviour (shared/
// leads/behaviour.ts), the score recomputed from the pinned playbook in the same write, and a lead that behaviour
// after the chat lifts to hot marked re-engaged (docs/playbooks.md). Pure: the writer's compare-and-set loop calls
// it on the freshest copy until its write wins, so concurrent reports never lose one another.
import { withDecay } from "../../shared/engine/behaviour.ts";
import { type Playbook, qualify } from "../../shared/engine/index.ts";
import { mergeBehaviour } from "../../shared/leads/behaviour.ts";
import type { ActivityReport, Behaviour } from "../../shared/protocol/behaviour.ts";
import type { Qualification } from "../../shared/protocol/index.ts";
import type { Conversation } from "../store/types.ts";

const qualifiedStages = new Set(["mql", "sql"]);

// S11: the score as read at `now`, inactivity decay applied. Every reader of a lead's tier (the lead card, lists,
// filters, exports, webhooks, emails) reads it here, so they agree at any moment.
export function qualificationAt(c: Pick<Conversation, "engine" | "behaviour" | "decay">, now: number): Qualification {
  return c.decay ? withDecay(c.engine.qualification, c.decay, c.behaviour, now) : c.engine.qualification;
}

// The engine's state scored with `behaviour` (the stored form, without decay), and the decay settings every
// reader applies.
export function scoredWith<C extends Pick<Conversation, "engine" | "decay" | "behaviour">>(
  c: C,
  playbook: Pick<Playbook, "scoring" | "currency" | "rates">,
  behaviour: Behaviour,
): C {
  const { engine } = c;
  const reason = engine.outcome === "disqualified" ? engine.outcomeReason : undefined;
  const next: C = {
    ...c,
    behaviour,
    engine: { ...engine, qualification: qualify(playbook, engine.slots, reason, behaviour) },
  };
  const { decay, thresholds } = playbook.scoring;
  if (decay) next.decay = { thresholds, decay };
  return next;
}

export function withActivity(c: Conversation, playbook: Playbook, report: ActivityReport, now: number): Conversation {
  const next = scoredWith(c, playbook, mergeBehaviour(c.behaviour, report, now));
  const stage = next.engine.qualification.stage;
  if (!c.qualifiedAt && qualifiedStages.has(stage)) next.qualifiedAt = now;
  // After the chat (the bot finished, or the conversation closed), a rise to hot from a lower tier as read now
  // (decay included) is announced once: a later rise, after a fall, is another.
  const afterChat = c.engine.outcome !== null || c.status === "closed";
  if (afterChat && qualificationAt(c, now).tier !== "hot" && qualificationAt(next, now).tier === "hot") {
    next.reengagedAt = now;
  }
  return next;
}
