// Emailing a visitor their chat: when they ask (the widget's "Email me this transcript"), or when the chat ends
// on a site set to "at-end". Only enqueued here (mailer.ts): a chat never waits on SMTP.
import { BanterError, ErrorCode } from "../../shared/protocol/index.ts";
import { readTranscript } from "../conversation/transcript.ts";
import type { Logger } from "../log.ts";
import { subjectEmails } from "../store/subject.ts";
import type { Conversation, ConversationsStore, MessagesStore, SitesStore } from "../store/types.ts";
import type { Mailer } from "./mailer.ts";
import { transcriptEmail } from "./templates.ts";

export interface TranscriptsDeps {
  store: ConversationsStore & MessagesStore & SitesStore;
  mailer: Mailer;
  log: Logger;
}

// The address the visitor gave: the one they typed to the bot first, else the host page's identify.
function visitorEmail(c: Conversation): string | undefined {
  for (const answer of Object.values(c.engine.slots)) if (answer.value.kind === "email") return answer.value.email;
  return c.identity?.email || subjectEmails(c)[0];
}

export function createTranscripts({ store, mailer, log }: TranscriptsDeps) {
  async function enqueue(c: Conversation, to: string, dedupeKey?: string): Promise<boolean> {
    const site = await store.getSite(c.siteKey);
    const lines = (await readTranscript(store, c.id)).map((m) => ({
      author: m.author,
      ...(m.authorName ? { authorName: m.authorName } : {}),
      text: m.text,
      at: m.at,
    }));
    const rendered = transcriptEmail({
      siteName: site?.name ?? "our team",
      lines,
      ...(c.timeZone ? { timeZone: c.timeZone } : {}),
    });
    return mailer.enqueue({
      kind: "transcript",
      to,
      ...rendered,
      siteKey: c.siteKey,
      conversationId: c.id,
      ...(dedupeKey ? { dedupeKey } : {}),
    });
  }

  return {
    // Where the transcript the visitor asks for would go: `email` is what they typed when the chat knew none; an
    // address the chat already knows wins, so the chat is not a way to mail its words to anyone else. Refused
    // when the site turned transcripts off, or when no address is known (the widget then asks for one).
    async recipient(c: Conversation, email?: string): Promise<string> {
      const site = await store.getSite(c.siteKey);
      if ((site?.transcripts ?? "on-request") === "off")
        throw new BanterError(ErrorCode.FORBIDDEN, "This site does not email transcripts.");
      const to = visitorEmail(c) ?? email;
      if (!to) throw new BanterError(ErrorCode.BAD_REQUEST, "Which email should we send it to?");
      return to;
    },

    // The visitor asked (rate-limited by the caller): queued, or only kept when there is no SMTP.
    async request(c: Conversation, to: string): Promise<{ to: string; queued: boolean }> {
      await enqueue(c, to);
      return { to, queued: mailer.configured };
    },

    // After each conversation write: a chat that just ended on an "at-end" site, with an email, is mailed once
    // (the dedupe key holds across retries and processes). Never rejects: logged instead.
    async written(before: Conversation, after: Conversation): Promise<void> {
      if (before.status === "closed" || after.status !== "closed") return;
      const to = visitorEmail(after);
      if (!to) return;
      try {
        const site = await store.getSite(after.siteKey);
        if (site?.transcripts !== "at-end") return;
        await enqueue(after, to, `transcript-end|${after.id}`);
      } catch (err) {
        log.error("transcript enqueue failed", {
          conversationId: after.id,
          err: err instanceof Error ? err.message : String(err),
        });
      }
    },
  };
}

export type Transcripts = ReturnType<typeof createTranscripts>;
