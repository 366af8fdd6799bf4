// A site's new trigger list, checked against what only the stored site knows: ids name its own triggers (new
// ones get one here, so funnel counts stay with a trigger across edits), and startAt names a question of the
// playbook the site publishes now (a conversation cannot start at a question the bot does not have).
import { randomBytes } from "node:crypto";
import type { Playbook } from "../../shared/engine/index.ts";
import type { Trigger } from "../../shared/protocol/engage.ts";
import type { FieldError } from "../../shared/protocol/index.ts";
import type { Site } from "../store/types.ts";
import type { TriggersUpdate } from "./trigger-schema.ts";

// 12 characters of [a-z0-9], as Trigger.id says: 9 random bytes read as base 36.
export const newTriggerId = () =>
  BigInt(`0x${randomBytes(9).toString("hex")}`)
    .toString(36)
    .padStart(12, "0")
    .slice(-12);

export function checkTriggers(
  update: TriggersUpdate,
  site: Pick<Site, "triggers"> | undefined,
  playbook: Pick<Playbook, "questions"> | null,
  newId: () => string = newTriggerId,
): { triggers: Trigger[] } | { errors: FieldError[] } {
  const known = new Set((site?.triggers ?? []).map((t) => t.id));
  const questions = new Set((playbook?.questions ?? []).map((q) => q.id));
  const errors: FieldError[] = [];
  const triggers = update.map(({ id, startAt, ...t }, i): Trigger => {
    if (id && !known.has(id)) errors.push({ path: `triggers.${i}.id`, message: "not one of this site's triggers" });
    if (startAt && !questions.has(startAt)) {
      errors.push({ path: `triggers.${i}.startAt`, message: "not a question of the site's published playbook" });
    }
    return { id: id ?? newId(), ...t, ...(startAt ? { startAt } : {}) };
  });
  return errors.length ? { errors } : { triggers };
}
