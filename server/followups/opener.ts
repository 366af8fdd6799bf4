// Opens and closes follow-ups after each conversation write this process won (FU1-FU8), beside the webhook
// emitter: the writer hands both the same (before, after) pair, so a need is read once, by the winning writer,
// and the item's id (FU8) keeps a retried or doubled write from opening it twice. Runs after the write, off the
// chat's path: a store error is logged, never thrown at the visitor or the rep.
import { defaultFollowUpSettings, followUpIdOf, followUpsOf } from "../../shared/followups/index.ts";
import type { FollowUp } from "../../shared/protocol/index.ts";
import { personConversations } from "../conversation/person.ts";
import type { Logger } from "../log.ts";
import type {
  Conversation,
  ConversationsStore,
  FollowUpsStore,
  PrivacyStore,
  SitesStore,
  TimersStore,
} from "../store/types.ts";
import { changeFollowUp, markDone } from "./items.ts";
import { scheduleTarget } from "./targets.ts";

export function createFollowUpOpener(deps: {
  store: FollowUpsStore & SitesStore & PrivacyStore & TimersStore & ConversationsStore;
  log: Logger;
  now: () => number;
}) {
  const { store, log, now } = deps;

  async function closeOpen(conversationId: string, which: (f: FollowUp) => boolean, at: number) {
    for (const f of await store.listConversationFollowUps(conversationId)) {
      if (f.state === "open" && which(f)) await changeFollowUp(store, f.id, (x) => markDone(x, "system", at));
    }
  }

  async function apply(before: Conversation, after: Conversation): Promise<void> {
    const at = now();
    // Most writes (bot turns, live messages' read marks) open and close nothing: they cost no store read here.
    const quick = followUpsOf(before, after, at);
    if (quick.open.length === 0 && quick.close.length === 0 && quick.owner === undefined) return;
    const site = await store.getSite(after.siteKey);
    const settings = { ...defaultFollowUpSettings, ...site?.followUps };
    const { open, close, owner } = followUpsOf(before, after, at, settings);
    if (close === "all") {
      // FU6: the visitor's earlier conversations on the site are the same lead, contacted now, and so are the
      // person's by email or verified userId (shared/leads/SPEC.md, P7).
      const ids = new Set(await store.listVisitorConversations(after.siteKey, after.visitorId));
      for (const c of await personConversations(store, after)) ids.add(c.id);
      for (const id of ids) await closeOpen(id, () => true, at);
    } else if (close.length > 0) {
      await closeOpen(after.id, (f) => close.includes(f.kind), at);
    }
    if (owner !== undefined) {
      for (const f of await store.listConversationFollowUps(after.id)) {
        if (f.state !== "open" || f.ownerId === (owner ?? undefined)) continue;
        await changeFollowUp(store, f.id, (x) => {
          const { ownerId: _old, ...rest } = x;
          return x.state === "open" ? { ...rest, ...(owner ? { ownerId: owner } : {}) } : null;
        });
      }
    }
    for (const o of open) {
      const ownerId = after.sales?.ownerId;
      await store.openFollowUp({
        id: followUpIdOf(after.id, o.kind),
        siteKey: after.siteKey,
        conversationId: after.id,
        kind: o.kind,
        dueAt: o.dueAt,
        state: "open",
        createdAt: at,
        rev: 0,
        ...(ownerId ? { ownerId } : {}),
      });
    }
    // The conversation's next target (FU14), as items opened or closed.
    if (open.length > 0 || close === "all" || close.length > 0) await scheduleTarget(store, after.id);
  }

  return {
    // Never rejects: the promise only says when the work is done (a stopping process waits for it).
    written(before: Conversation, after: Conversation): Promise<void> {
      return apply(before, after).catch((err: unknown) =>
        log.error("follow-up update failed", {
          conversationId: after.id,
          err: err instanceof Error ? err.message : String(err),
        }),
      );
    },
  };
}

export type FollowUpOpener = ReturnType<typeof createFollowUpOpener>;
