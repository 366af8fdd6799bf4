import { counterDay, counterExpiries, counterHashes } from "../../../shared/funnel/index.ts";
import type { PrivacyStore } from "../contract/privacy.ts";
import { dueKinds } from "../contract/timers.ts";
import { limitKeys } from "../keys.ts";
import { subjectEmails } from "../subject.ts";
import { lua, type RedisContext } from "./context.ts";
import { getConversation, unindexConversations } from "./conversations.ts";

const eraseCounters = lua("erase-counters-4");

export function redisPrivacy(ctx: RedisContext): PrivacyStore {
  const { client, k, expired, multi, run, retentionSeconds } = ctx;
  return {
    async listVisitorConversations(siteKey, visitorId) {
      const [all, latest] = await Promise.all([
        client.sMembers(k.visitorConversations(siteKey, visitorId)),
        client.get(k.visitorConversation(siteKey, visitorId)),
      ]);
      const ids = [...new Set([...all, ...(latest ? [latest] : [])])].sort();
      const gone = await expired(ids);
      return ids.filter((id) => !gone.includes(id));
    },
    async listEmailConversations(email) {
      const ids = (await client.sMembers(k.emailConversations(email))).sort();
      const gone = await expired(ids);
      if (gone.length > 0) await client.sRem(k.emailConversations(email), gone);
      return ids.filter((id) => !gone.includes(id));
    },

    async eraseVisitor(siteKey, visitorId) {
      const erased = new Set<string>();
      const reps = await client.sMembers(k.users());
      // A conversation the visitor opens meanwhile joins the index: go round until the index is empty. Only the
      // ids erased are taken off it, so such a newcomer stays listed for the next round.
      for (let round = 0; round < 10; round++) {
        const [all, latest] = await Promise.all([
          client.sMembers(k.visitorConversations(siteKey, visitorId)),
          client.get(k.visitorConversation(siteKey, visitorId)),
        ]);
        const ids = [...new Set([...all, ...(latest ? [latest] : [])])].sort();
        // Every rep's live set, and the conversation's own rep even if their account is gone.
        const docs = await Promise.all(ids.map((id) => getConversation(ctx, id)));
        const holders = [...new Set([...reps, ...docs.flatMap((c) => (c?.repId ? [c.repId] : []))])];
        // Webhook deliveries about them, sent or not: their bodies hold the lead card.
        const hooked = (await Promise.all(ids.map((id) => client.sMembers(k.conversationDeliveries(id))))).flat();
        // Emails about them (a transcript holds every message), sent or not.
        const mailed = (await Promise.all(ids.map((id) => client.sMembers(k.conversationMail(id))))).flat();
        // Every email index they were ever added to, an email they no longer have included (a replaced identify).
        const indexed = await Promise.all(ids.map((id) => client.sMembers(k.conversationEmailIndexes(id, siteKey))));
        // Their follow-ups, and their places in the site's list of open ones.
        const followUps = (await Promise.all(ids.map((id) => client.sMembers(k.conversationFollowUps(id))))).flat();
        // Their funnel counts come off their days, each with its hash gone in the same step (F31).
        await Promise.all(
          docs.map((c) =>
            c
              ? run(
                  eraseCounters,
                  [
                    k.conversation(c.id, siteKey),
                    ...counterHashes(counterDay(c)).map((name) => k.funnelHash(siteKey, name)),
                  ],
                  counterExpiries(counterDay(c), retentionSeconds).map(String),
                )
              : undefined,
          ),
        );
        // One transaction on a single Redis. On a cluster the keys span slots, so each deletion goes alone: a
        // conversation written meanwhile is found by the next round, and what joins after it is gone by the
        // cleanup below, as on one Redis.
        const m = multi();
        if (hooked.length > 0) m.del(hooked.map(k.webhookDelivery)).zRem(k.webhookDue(), hooked);
        if (followUps.length > 0) m.del(followUps.map(k.followUp)).zRem(k.siteFollowUps(siteKey), followUps);
        if (mailed.length > 0) {
          m.del(mailed.map(k.mail)).zRem(k.mailDue(), mailed).zRem(k.mailLog(), mailed);
          m.zRem(k.siteMailLog(siteKey), mailed);
        }
        for (const id of ids) {
          m.del([
            k.conversation(id, siteKey),
            k.messages(id, siteKey),
            k.clientIds(id, siteKey),
            k.seq(id, siteKey),
            k.notes(id, siteKey),
            k.conversationFollowUps(id),
            k.conversationSite(id),
          ]);
          // Its page:view and identify, transcript and rating counters name it too.
          m.del([
            k.rate(limitKeys.conversationEvents(id)),
            k.rate(limitKeys.conversationTranscripts(id)),
            k.rate(limitKeys.conversationRatings(id)),
          ]);
          m.zRem(k.siteConversations(siteKey), id);
          m.zRem(k.queue(siteKey), id);
          m.zRem(
            k.due(),
            dueKinds.map((kind) => `${kind}|${id}`),
          );
          for (const rep of holders) m.sRem(k.repConversations(rep), id);
          erased.add(id);
        }
        // The email indexes name these conversations: an empty set is deleted by Redis itself. The emails each has
        // now too, for a conversation written before its email indexes were recorded.
        ids.forEach((id, i) => {
          const c = docs[i];
          const current = c ? subjectEmails(c).map(k.emailConversations) : [];
          for (const key of new Set([...(indexed[i] ?? []), ...current])) m.sRem(key, id);
        });
        if (all.length > 0) m.sRem(k.visitorConversations(siteKey, visitorId), all);
        m.del([
          k.visitorConversation(siteKey, visitorId),
          k.rate(limitKeys.visitorMessages(siteKey, visitorId)),
          k.rate(limitKeys.visitorActivity(siteKey, visitorId)),
        ]);
        await m.exec();
        // Off the leads index: their rows, their places in their person's conversations (the person's next
        // newest, on another visitor, becomes the row); and off the inbox's activity index.
        await unindexConversations(ctx, siteKey, ids);
        // A delivery enqueued, or an email index joined, after the reads above and before the conversation went is
        // found now: with the conversation gone no more can be (enqueue-delivery and update-conversation check it
        // in the same step).
        const late = await Promise.all(ids.map((id) => client.sMembers(k.conversationDeliveries(id))));
        const lateIndexed = await Promise.all(
          ids.map((id) => client.sMembers(k.conversationEmailIndexes(id, siteKey))),
        );
        const lateMail = (await Promise.all(ids.map((id) => client.sMembers(k.conversationMail(id))))).flat();
        const cleanup = multi();
        if (late.flat().length > 0) cleanup.del(late.flat().map(k.webhookDelivery)).zRem(k.webhookDue(), late.flat());
        ids.forEach((id, i) => {
          for (const key of lateIndexed[i] ?? []) cleanup.sRem(key, id);
        });
        if (lateMail.length > 0) {
          cleanup.del(lateMail.map(k.mail)).zRem(k.mailDue(), lateMail).zRem(k.mailLog(), lateMail);
          cleanup.zRem(k.siteMailLog(siteKey), lateMail);
        }
        if (ids.length > 0)
          cleanup.del([
            ...ids.map(k.conversationDeliveries),
            ...ids.map((id) => k.conversationEmailIndexes(id, siteKey)),
            ...ids.map(k.conversationMail),
          ]);
        await cleanup.exec();
        if (ids.length === 0) break;
      }
      return [...erased].sort();
    },
  };
}
