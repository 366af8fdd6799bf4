import type { PrivacyStore } from "../contract/privacy.ts";
import { dueKinds } from "../contract/timers.ts";
import { limitKeys } from "../keys.ts";
import { normalEmail } from "../subject.ts";
import { activityIndexOf, dropActivityIndex } from "./activity-index.ts";
import { countFunnel } from "./funnel.ts";
import { dropLeadIndex, leadIndexOf } from "./lead-index.ts";
import type { MemoryState } from "./state.ts";

export function memoryPrivacy(s: MemoryState): PrivacyStore {
  const ofVisitor = (indexKey: string) => {
    const latest = s.visitorIndex.get(indexKey);
    return [...new Set([...(s.visitorAll.get(indexKey) ?? []), ...(latest ? [latest] : [])])];
  };
  return {
    async listVisitorConversations(siteKey, visitorId) {
      return ofVisitor(`${siteKey}:${visitorId}`)
        .filter((id) => s.conversations.has(id))
        .sort();
    },
    async listEmailConversations(email) {
      return [...(s.emailIndex.get(normalEmail(email)) ?? [])].filter((id) => s.conversations.has(id)).sort();
    },
    async eraseVisitor(siteKey, visitorId) {
      const indexKey = `${siteKey}:${visitorId}`;
      const ids = ofVisitor(indexKey).sort();
      for (const id of ids) {
        for (const email of s.indexedEmails.get(id) ?? []) {
          s.emailIndex.get(email)?.delete(id);
          if (s.emailIndex.get(email)?.size === 0) s.emailIndex.delete(email);
        }
        s.indexedEmails.delete(id);
        countFunnel(s, id, undefined);
        s.conversations.delete(id);
        s.threads.delete(id);
        s.notes.delete(id);
        s.siteConversations.get(siteKey)?.delete(id);
        dropLeadIndex(leadIndexOf(s, siteKey), id);
        dropActivityIndex(activityIndexOf(s, siteKey), id);
        s.queues.get(siteKey)?.delete(id);
        for (const live of s.repLive.values()) live.delete(id);
        for (const kind of dueKinds) s.due.delete(`${kind}|${id}`);
        s.windows.delete(limitKeys.conversationEvents(id));
        for (const f of [...s.followUps.values()]) if (f.conversationId === id) s.followUps.delete(f.id);
        s.windows.delete(limitKeys.conversationTranscripts(id));
        s.windows.delete(limitKeys.conversationRatings(id));
      }
      for (const d of [...s.deliveries.values()]) {
        if (!d.conversationId || !ids.includes(d.conversationId)) continue;
        s.deliveries.delete(d.id);
        s.deliveryDue.delete(d.id);
      }
      for (const m of [...s.mail.values()]) {
        if (!m.conversationId || !ids.includes(m.conversationId)) continue;
        s.mail.delete(m.id);
        s.mailDue.delete(m.id);
        for (const log of s.mailLogs.values()) if (log.includes(m.id)) log.splice(log.indexOf(m.id), 1);
      }
      s.visitorIndex.delete(indexKey);
      s.visitorAll.delete(indexKey);
      s.windows.delete(limitKeys.visitorMessages(siteKey, visitorId));
      s.windows.delete(limitKeys.visitorActivity(siteKey, visitorId));
      return ids;
    },
  };
}
