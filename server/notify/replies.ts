// A rep's reply to a visitor who has left goes by email (docs/email.md), so a lead who closed the tab still hears
// back: a minute after the rep's last line, when no chat of the visitor's is open anywhere and they gave an email,
// the rep's lines they have not seen (in the chat or by email), with a signed link back into the same conversation. The wait is a
// store timer (one email across processes; each new line moves it on, so a rep typing several lines sends one).
import { signContinue } from "../auth/tokens.ts";
import { leadCard } from "../conversation/lead-card.ts";
import { readTranscript } from "../conversation/transcript.ts";
import type { ConversationWriter } from "../conversation/writer.ts";
import type { Mailer } from "../email/mailer.ts";
import { replyEmail } from "../email/templates.ts";
import type { Logger } from "../log.ts";
import type { ConversationsStore, MessagesStore, SitesStore, TimersStore } from "../store/types.ts";

export const replyDelayMs = 60_000;
// How long the link opens the conversation.
export const continueLinkMs = 30 * 24 * 3600_000;

export interface ReplyDeps {
  store: ConversationsStore & MessagesStore & SitesStore & TimersStore;
  writer: ConversationWriter;
  mailer: Mailer;
  // Whether a chat of this conversation is open in a visitor's browser, on any process.
  visitorPresent: (conversationId: string) => Promise<boolean>;
  visitorSecret: string;
  publicUrl: () => string;
  now: () => number;
  log: Logger;
  delayMs?: number;
}

export function replyMailer({
  store,
  writer,
  mailer,
  visitorPresent,
  visitorSecret,
  publicUrl,
  now,
  log,
  ...o
}: ReplyDeps) {
  const delayMs = o.delayMs ?? replyDelayMs;
  return {
    // After each rep line: the check waits for the rep's last one.
    async repSaid(conversationId: string): Promise<void> {
      await store.scheduleDue("reply", conversationId, now() + delayMs);
    },
    async due(conversationId: string): Promise<void> {
      const c = await store.getConversation(conversationId);
      if (!c) return;
      const site = await store.getSite(c.siteKey);
      const lead = leadCard(c, site, now());
      const to = lead.email ?? c.identity?.email;
      if (!to) return;
      const unsent = (await readTranscript(store, c.id)).filter(
        (m) => m.author === "rep" && m.seq > (c.repliesEmailedSeq ?? 0),
      );
      const last = unsent.at(-1);
      if (!last) return;
      const mark = (seq: number) =>
        writer.update(c.id, (fresh) =>
          (fresh.repliesEmailedSeq ?? 0) >= seq ? null : { ...fresh, repliesEmailedSeq: seq },
        );
      // Still in the chat: they have these lines on screen, and a later email starts after them.
      if (await visitorPresent(c.id)) {
        await mark(last.seq);
        return;
      }
      const link = `${publicUrl()}/chat/continue?t=${signContinue(visitorSecret, c.id, now() + continueLinkMs)}`;
      const email = replyEmail({
        siteName: site?.name ?? "us",
        repName: c.repName ?? last.authorName,
        lines: unsent,
        link,
      });
      // The same lines are never sent twice: the key names the last of them, and the mark below moves past it.
      await mailer.enqueue({
        kind: "reply",
        to,
        ...email,
        siteKey: c.siteKey,
        conversationId: c.id,
        dedupeKey: `reply:${c.id}:${last.seq}`,
      });
      await mark(last.seq);
      log.info("rep reply emailed to a visitor who left", { conversationId: c.id, lines: unsent.length });
    },
  };
}
