// Follow-up emails to a lead (rules SQ1-SQ5, shared/sequences/SPEC.md; docs/email.md): started from the write that
// closes a qualifying conversation, each step a store timer of kind "sequence" fired by routing's tick (once
// across processes), re-checked on fresh data when it fires, enqueued through the mailer under a key per step
// (never sent twice) and recorded on the conversation. Off the chat's path: errors are logged, never thrown at a
// visitor or a rep.
import { followUpSteps, type Playbook } from "../../shared/engine/playbook.ts";
import type { FollowUpStop } from "../../shared/protocol/index.ts";
import {
  dayMs,
  emailOf,
  fillStep,
  markSent,
  markStopped,
  nextMove,
  type SequenceFacts,
  sequenceStart,
} from "../../shared/sequences/index.ts";
import { signUnsubscribe } from "../auth/tokens.ts";
import { readTranscript } from "../conversation/transcript.ts";
import type { ConversationWriter } from "../conversation/writer.ts";
import type { Mailer } from "../email/mailer.ts";
import { sequenceEmail } from "../email/templates.ts";
import type { Logger } from "../log.ts";
import type {
  Conversation,
  ConversationsStore,
  MessagesStore,
  PrivacyStore,
  SitesStore,
  TimersStore,
} from "../store/types.ts";

export interface SequenceDeps {
  store: ConversationsStore & MessagesStore & SitesStore & TimersStore & PrivacyStore;
  writer: ConversationWriter;
  mailer: Mailer;
  playbookOf: (id: string, version: number) => Promise<Playbook>;
  visitorSecret: string;
  publicUrl: () => string;
  now: () => number;
  log: Logger;
  // The length of a day for `afterDays` (tests shorten it).
  dayMs?: number;
}

const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function sequenceMailer({
  store,
  writer,
  mailer,
  playbookOf,
  visitorSecret,
  publicUrl,
  now,
  log,
  ...o
}: SequenceDeps) {
  const day = o.dayMs ?? dayMs;

  // An unsubscribe is kept on the conversation it came from; the same email on the same site gets no more (SQ3).
  // Kept there, it is erased with the person's conversations and expires with them.
  async function unsubscribed(siteKey: string, email: string): Promise<boolean> {
    for (const id of await store.listEmailConversations(email)) {
      const c = await store.getConversation(id);
      if (c?.siteKey === siteKey && c.followUpEmails?.stopped?.reason === "unsubscribed") return true;
    }
    return false;
  }

  async function facts(c: Conversation, email: string): Promise<SequenceFacts> {
    const lines = await readTranscript(store, c.id);
    const mine = lines.filter((m) => m.author === "visitor").at(-1)?.at;
    // A newer conversation of the visitor's on the site is them writing again.
    const latest = await store.findVisitorConversation(c.siteKey, c.visitorId);
    const newer = latest && latest !== c.id ? (await store.getConversation(latest))?.createdAt : undefined;
    const wrote = Math.max(mine ?? 0, newer ?? 0);
    return { unsubscribed: await unsubscribed(c.siteKey, email), ...(wrote > 0 ? { visitorWroteAt: wrote } : {}) };
  }

  async function stop(id: string, reason: FollowUpStop): Promise<void> {
    const at = now();
    const { wrote } = await writer.update(id, (fresh) => {
      const seq = fresh.followUpEmails && markStopped(fresh.followUpEmails, reason, at);
      return seq ? { ...fresh, followUpEmails: seq } : null;
    });
    await store.cancelDue("sequence", id);
    if (wrote) log.info("follow-up emails stopped", { conversationId: id, reason });
  }

  async function start(before: Conversation, after: Conversation): Promise<void> {
    if (before.status === "closed" || after.status !== "closed") return;
    const playbook = await playbookOf(after.engine.playbookId, after.engine.playbookVersion);
    const seq = sequenceStart(playbook, before, after, now(), day);
    const email = emailOf(after.engine);
    if (!seq || !email || (await unsubscribed(after.siteKey, email))) return;
    const { wrote, after: stored } = await writer.update(after.id, (fresh) =>
      fresh.followUpEmails ? null : { ...fresh, followUpEmails: seq },
    );
    if (!wrote || stored.followUpEmails?.nextAt === undefined) return;
    await store.scheduleDue("sequence", after.id, stored.followUpEmails.nextAt);
  }

  async function due(id: string): Promise<void> {
    const c = await store.getConversation(id);
    const seq = c?.followUpEmails;
    const email = c && emailOf(c.engine);
    if (!c || !seq || !email) return;
    const playbook = await playbookOf(c.engine.playbookId, c.engine.playbookVersion);
    const steps = followUpSteps(playbook, seq.tier);
    const move = nextMove(c, seq, steps, await facts(c, email), now(), day);
    if (move.kind === "stop") return stop(id, move.reason);
    if (move.kind === "wait") return store.scheduleDue("sequence", id, move.at);
    if (move.kind === "done") return;
    const site = await store.getSite(c.siteKey);
    const words = fillStep(move.step, site?.name ?? c.siteKey);
    const unsubscribe = `${publicUrl()}/email/unsubscribe?t=${signUnsubscribe(visitorSecret, c.id)}`;
    await mailer.enqueue({
      kind: "sequence",
      to: email,
      ...sequenceEmail({ ...words, unsubscribe }),
      headers: {
        "List-Unsubscribe": `<${unsubscribe}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
      siteKey: c.siteKey,
      conversationId: c.id,
      // SQ5: one email per step, whichever process gets here.
      dedupeKey: `sequence:${c.id}:${move.index}`,
    });
    const { after } = await writer.update(id, (fresh) => {
      const next = fresh.followUpEmails && markSent(fresh.followUpEmails, move.index, steps, day);
      return next ? { ...fresh, followUpEmails: next } : null;
    });
    log.info("follow-up email enqueued", { conversationId: id, step: move.index + 1, of: steps.length });
    const nextAt = after.followUpEmails?.nextAt;
    if (nextAt !== undefined && !after.followUpEmails?.stopped) await store.scheduleDue("sequence", id, nextAt);
  }

  return {
    // Never rejects: the promise only says when the work is done (a stopping process waits for it).
    written(before: Conversation, after: Conversation): Promise<void> {
      return start(before, after).catch((err: unknown) =>
        log.error("follow-up emails not started", { conversationId: after.id, err: errText(err) }),
      );
    },
    due,
    // The visitor's one click: this conversation's emails stop, and so do those of every conversation of theirs on
    // the site under the same email. False for a conversation that is gone.
    async unsubscribe(id: string): Promise<boolean> {
      const c = await store.getConversation(id);
      if (!c) return false;
      const email = emailOf(c.engine);
      if (!c.followUpEmails) return true;
      await stop(id, "unsubscribed");
      for (const other of email ? await store.listEmailConversations(email) : []) {
        const o = other === id ? null : await store.getConversation(other);
        if (o?.siteKey === c.siteKey && o.followUpEmails && !o.followUpEmails.stopped)
          await stop(other, "unsubscribed");
      }
      return true;
    },
  };
}

export type SequenceMailer = ReturnType<typeof sequenceMailer>;
