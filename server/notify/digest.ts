// The daily digest (docs/email.md): once a day, past `hourUtc`, every enabled user who asked for it gets one email
// about yesterday (FU15). Not a store timer: those are per conversation. Each process looks every `everyMs`; the
// email's dedupeKey `digest:<userId>:<day>` is enqueued once across every process and restart, so however many
// processes look, each user gets one. A process that has enqueued a day's digests stops reading until the next.
import { type DigestItem, type DigestSiteInput, dailyDigest, digestDayOf } from "../../shared/followups/index.ts";
import { contactOf } from "../../shared/leads/contact.ts";
import { everyConversation } from "../conversation/every.ts";
import { leadCard } from "../conversation/lead-card.ts";
import type { Mailer } from "../email/mailer.ts";
import { digestEmail } from "../email/templates.ts";
import type { Logger } from "../log.ts";
import type { AccountsStore, ConversationsStore, FollowUpsStore, Site, SitesStore } from "../store/types.ts";
import { recipients, servesSite } from "./recipients.ts";

export interface DigestDeps {
  store: AccountsStore & SitesStore & ConversationsStore & FollowUpsStore;
  mailer: Mailer;
  // The console's Follow-ups page ("https://banter.example.com/console#/followups").
  followUpsUrl: () => string;
  // DIGEST_HOUR_UTC: sent from this hour of the day on, UTC.
  hourUtc: number;
  now: () => number;
  log: Logger;
  // Work a stopping process waits for (app.ts's drain).
  track: (work: () => Promise<void>) => Promise<void>;
  everyMs?: number;
}

const defaultEveryMs = 60_000;

export function dailyDigests({ store, mailer, followUpsUrl, hourUtc, now, log, track, everyMs }: DigestDeps) {
  let sentDay: string | null = null;
  let running = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  // What the digest reads of one site: its conversations since yesterday began, its open items with their leads.
  async function siteInput(site: Site, from: number): Promise<DigestSiteInput> {
    const conversations = await everyConversation(store, site.key, from);
    const openFollowUps: DigestItem[] = [];
    for (const f of await store.listOpenFollowUps(site.key)) {
      const c = await store.getConversation(f.conversationId);
      // An item whose conversation is gone is not listed anywhere (docs/follow-ups.md).
      if (!c) continue;
      const card = leadCard(c, site, now());
      const { name, email } = contactOf(card.answers, card.email, card.identity);
      openFollowUps.push({
        id: f.id,
        kind: f.kind,
        dueAt: f.dueAt,
        ...(f.snoozedUntil !== undefined ? { snoozedUntil: f.snoozedUntil } : {}),
        lead: { ...(name ? { name } : {}), ...(email ? { email } : {}) },
      });
    }
    return { siteKey: site.key, siteName: site.name, conversations, openFollowUps };
  }

  async function run(): Promise<void> {
    const at = now();
    const { day, from } = digestDayOf(at);
    if (sentDay === day || new Date(at).getUTCHours() < hourUtc) return;
    const to = recipients(await store.listUsers(), "dailyDigest");
    let sent = 0;
    if (to.length > 0) {
      // Each site is read once, whoever serves it.
      const sites = await Promise.all((await store.listSites()).map((s) => siteInput(s, from)));
      for (const u of to) {
        const digest = dailyDigest(
          sites.filter((s) => servesSite(u, s.siteKey)),
          at,
        );
        // Nothing to report: no email.
        if (!digest) continue;
        const email = digestEmail({ digest, link: followUpsUrl() });
        if (await mailer.enqueue({ kind: "digest", to: u.email, ...email, dedupeKey: `digest:${u.id}:${day}` })) sent++;
      }
    }
    sentDay = day;
    log.info("daily digest", { day, recipients: sent });
  }

  async function tick(): Promise<void> {
    if (running) return;
    running = true;
    try {
      await run();
    } catch (err) {
      // Tried again at the next look; the dedupeKey keeps those already enqueued from going twice.
      log.error("daily digest failed", { err: err instanceof Error ? err.message : String(err) });
    } finally {
      running = false;
    }
  }

  return {
    tick,
    start() {
      timer = setInterval(() => void track(tick), everyMs ?? defaultEveryMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
