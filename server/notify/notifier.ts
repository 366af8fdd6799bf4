// Emails to the team about leads that need a person (docs/email.md): a hot lead nobody took, and a lead past its
// speed-to-lead or follow-up target. Who gets each is their own choice (Account, Email me; recipients.ts). Each
// email is keyed by what caused it and who gets it, so a retried step or a second process never sends it twice.

import type { FollowUpKind } from "../../shared/protocol/index.ts";
import { leadCard } from "../conversation/lead-card.ts";
import type { Mailer } from "../email/mailer.ts";
import { missedLeadEmail, reengagedLeadEmail, targetMissedEmail } from "../email/templates.ts";
import type { Logger } from "../log.ts";
import type { AccountsStore, Conversation, SitesStore, User } from "../store/types.ts";
import { recipients } from "./recipients.ts";

export interface NotifierDeps {
  store: AccountsStore & SitesStore;
  mailer: Mailer;
  // The console's address, for links ("https://banter.example.com/console").
  consoleUrl: () => string;
  log: Logger;
  now: () => number;
}

export function createNotifier({ store, mailer, consoleUrl, log, now }: NotifierDeps) {
  const inboxLink = (c: Conversation) => `${consoleUrl()}#/inbox/${encodeURIComponent(c.id)}`;

  async function send(users: User[], draft: (u: User) => Parameters<Mailer["enqueue"]>[0]): Promise<void> {
    for (const u of users) await mailer.enqueue(draft(u));
  }

  // Behaviour after the chat lifted the lead to hot (docs/playbooks.md): its owner is told, whatever their
  // settings, as the lead is theirs; a lead nobody owns goes to the owners who get hot-lead alerts. Once per rise
  // (the dedupe key holds the rise's time).
  async function reengaged(c: Conversation): Promise<void> {
    const site = await store.getSite(c.siteKey);
    const users = await store.listUsers();
    const own = users.find((u) => u.id === c.sales?.ownerId && !u.disabled);
    const to = own ? [own] : recipients(users, "missedLeads", c.siteKey).filter((u) => u.role === "owner");
    const email = reengagedLeadEmail({
      siteName: site?.name ?? c.siteKey,
      lead: leadCard(c, site, now()),
      link: `${consoleUrl()}#/leads/${encodeURIComponent(c.id)}`,
    });
    await send(to, (u) => ({
      kind: "reengaged-lead",
      to: u.email,
      ...email,
      siteKey: c.siteKey,
      conversationId: c.id,
      dedupeKey: `reengaged-lead:${c.id}:${c.reengagedAt}:${u.id}`,
    }));
    log.info("re-engaged lead emailed", { conversationId: c.id, recipients: to.length });
  }

  return {
    // After each conversation write the writer won: a hot lead that just became a missed handoff, or a lead
    // re-engaged.
    async written(before: Conversation, after: Conversation): Promise<void> {
      if (after.reengagedAt !== undefined && after.reengagedAt !== before.reengagedAt) await reengaged(after);
      if (before.missedHandoff || !after.missedHandoff || after.engine.qualification.tier !== "hot") return;
      const site = await store.getSite(after.siteKey);
      const lead = leadCard(after, site, now());
      const to = recipients(await store.listUsers(), "missedLeads", after.siteKey);
      const email = missedLeadEmail({ siteName: site?.name ?? after.siteKey, lead, link: inboxLink(after) });
      await send(to, (u) => ({
        kind: "missed-lead",
        to: u.email,
        ...email,
        siteKey: after.siteKey,
        conversationId: after.id,
        dedupeKey: `missed-lead:${after.id}:${u.id}`,
      }));
      log.info("missed hot lead emailed", { conversationId: after.id, recipients: to.length });
    },

    // A target passed (routing's speed to lead, a follow-up's due time): owners who asked, and the lead's own
    // owner (`ownerId`) whatever their settings, as it is theirs to act on.
    async targetMissed(c: Conversation, what: "speed-to-lead" | FollowUpKind, key: string, ownerId?: string) {
      const site = await store.getSite(c.siteKey);
      const lead = leadCard(c, site, now());
      const users = await store.listUsers();
      const owners = recipients(users, "slaBreaches", c.siteKey).filter((u) => u.role === "owner" || u.id === ownerId);
      const own = users.find((u) => u.id === ownerId && !u.disabled);
      const to = own && !owners.includes(own) ? [...owners, own] : owners;
      const email = targetMissedEmail({ siteName: site?.name ?? c.siteKey, lead, what, link: inboxLink(c) });
      await send(to, (u) => ({
        kind: "target-missed",
        to: u.email,
        ...email,
        siteKey: c.siteKey,
        conversationId: c.id,
        dedupeKey: `target-missed:${key}:${u.id}`,
      }));
      log.warn("lead past its target; team emailed", { conversationId: c.id, what, recipients: to.length });
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
