import type { MailStore } from "../contract/mail.ts";
import { copy, type MemoryState, setOf } from "./state.ts";

export function memoryMail(s: MemoryState): MailStore {
  const drop = (id: string) => {
    const m = s.mail.get(id);
    if (m?.dedupeKey) s.mailDedupe.delete(m.dedupeKey);
    s.mail.delete(id);
    s.mailDue.delete(id);
  };
  return {
    async enqueueMail(m, keep) {
      if (s.mail.has(m.id) || (m.dedupeKey && s.mailDedupe.has(m.dedupeKey))) return false;
      // As with Redis: nothing is enqueued about a conversation that is gone (erased).
      if (m.conversationId && !s.conversations.has(m.conversationId)) return false;
      s.mail.set(m.id, copy(m));
      if (m.dedupeKey) s.mailDedupe.set(m.dedupeKey, m.id);
      if (m.status !== "kept") s.mailDue.set(m.id, m.nextAttemptAt ?? m.createdAt);
      const logs = [setOf(s.mailLogs, "", () => [])];
      if (m.siteKey) logs.push(setOf(s.mailLogs, m.siteKey, () => []));
      for (const log of logs) {
        log.push(m.id);
        for (const old of log.splice(0, Math.max(0, log.length - keep))) drop(old);
      }
      return true;
    },
    async getMail(id) {
      const m = s.mail.get(id);
      return m ? copy(m) : null;
    },
    async claimMail(t, leaseUntil, limit) {
      const ready = [...s.mailDue.entries()]
        .filter(([, at]) => at <= t)
        .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
        .slice(0, limit);
      return ready.flatMap(([id]) => {
        const message = s.mail.get(id);
        if (!message) {
          s.mailDue.delete(id);
          return [];
        }
        s.mailDue.set(id, leaseUntil);
        return [{ message: copy(message), claim: leaseUntil }];
      });
    },
    async finishMail(m, claim) {
      if (s.mailDue.get(m.id) !== claim) return false;
      if (!s.mail.has(m.id)) {
        s.mailDue.delete(m.id);
        return false;
      }
      s.mail.set(m.id, copy(m));
      if (m.status === "retrying" && m.nextAttemptAt !== undefined) s.mailDue.set(m.id, m.nextAttemptAt);
      else s.mailDue.delete(m.id);
      return true;
    },
    async listMail(limit, siteKey) {
      return (s.mailLogs.get(siteKey ?? "") ?? [])
        .slice(-limit)
        .reverse()
        .flatMap((id) => {
          const m = s.mail.get(id);
          return m ? [copy(m)] : [];
        });
    },
    async mailBacklog() {
      return s.mailDue.size;
    },
  };
}
