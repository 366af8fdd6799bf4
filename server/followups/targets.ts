// FU14 at the edge: one store timer per conversation at its next follow-up target (so the check happens once across
// processes and survives a restart); when it fires, each item still open past its target is marked once and the
// team is told (server/notify/notifier.ts).
import { nextTarget, pastTarget } from "../../shared/followups/index.ts";
import type { Logger } from "../log.ts";
import type { Notifier } from "../notify/notifier.ts";
import type { ConversationsStore, FollowUpsStore, TimersStore } from "../store/types.ts";
import { changeFollowUp } from "./items.ts";

export async function scheduleTarget(store: FollowUpsStore & TimersStore, conversationId: string): Promise<void> {
  const at = nextTarget(await store.listConversationFollowUps(conversationId));
  if (at === null) await store.cancelDue("follow-up", conversationId);
  else await store.scheduleDue("follow-up", conversationId, at);
}

export function followUpTargets(deps: {
  store: FollowUpsStore & TimersStore & ConversationsStore;
  notifier: Pick<Notifier, "targetMissed">;
  now: () => number;
  log: Logger;
}) {
  const { store, notifier, now, log } = deps;
  return {
    async due(conversationId: string): Promise<void> {
      const c = await store.getConversation(conversationId);
      if (!c) return;
      for (const item of await store.listConversationFollowUps(conversationId)) {
        const at = now();
        if (!pastTarget(item, at)) continue;
        const marked = await changeFollowUp(store, item.id, (f) => pastTarget(f, at));
        // Marked by this call (a later look finds it marked and does nothing).
        if (marked?.breachedAt !== at) continue;
        log.warn("follow-up past its target", { conversationId, kind: item.kind });
        await notifier.targetMissed(c, item.kind, item.id, marked.ownerId);
      }
      await scheduleTarget(store, conversationId);
    },
  };
}
