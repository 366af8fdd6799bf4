// Changing one follow-up: a compare-and-set on its rev, retried on the freshest copy, like the conversation
// writer. `change` answers null to write nothing.
import { BanterError, ErrorCode, type FollowUp } from "../../shared/protocol/index.ts";
import type { FollowUpsStore } from "../store/types.ts";

const maxAttempts = 8;

export async function changeFollowUp(
  store: FollowUpsStore,
  id: string,
  change: (f: FollowUp) => FollowUp | null,
): Promise<FollowUp | null> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const current = await store.getFollowUp(id);
    if (!current) return null;
    const next = change(current);
    if (!next) return current;
    const stored = await store.updateFollowUp(next);
    if (stored) return stored;
  }
  throw new BanterError(ErrorCode.CONFLICT, "Someone else is changing this follow-up; try again.");
}

// Done, by a user or by "system" (FU6, FU7). A done item stays done.
export function markDone(f: FollowUp, by: string, at: number): FollowUp | null {
  if (f.state === "done") return null;
  const { snoozedUntil: _s, ...rest } = f;
  return { ...rest, state: "done", doneAt: at, doneBy: by };
}
