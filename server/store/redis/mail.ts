import type { MailMessage, MailStore } from "../contract/mail.ts";
import { aboutConversation, lua, parse, type RedisContext } from "./context.ts";

const enqueueMail = lua("enqueue-mail-7");
// The same claim and finish as webhook deliveries: a due set with leases.
const claimDue = lua("claim-deliveries-1");
const finishDue = lua("finish-delivery-2");

export function redisMail({ client, k, siteOf, run, retentionSeconds, getMany }: RedisContext): MailStore {
  return {
    async enqueueMail(m, keep) {
      // As enqueueDelivery (webhooks.ts): on a cluster the conversation is checked just before.
      const about = await aboutConversation({ client, k, siteOf }, m.conversationId);
      if (about === null) return false;
      const keyList = [
        k.mail(m.id),
        k.mailDue(),
        k.mailLog(),
        k.siteMailLog(m.siteKey ?? "-"),
        k.conversationMail(m.conversationId ?? "-"),
        k.cluster ? k.mailDue() : k.conversation(m.conversationId ?? "-"),
        k.mailDedupe(m.dedupeKey ?? "-"),
      ];
      const args = [
        m.id,
        JSON.stringify(m),
        m.status === "kept" ? "" : String(m.nextAttemptAt ?? m.createdAt),
        String(m.createdAt),
        String(keep),
        String(retentionSeconds),
        k.mail(""),
        about,
        m.siteKey ? "1" : "",
        m.dedupeKey ? "1" : "",
      ];
      return Number(await run(enqueueMail, keyList, args)) === 1;
    },
    async getMail(id) {
      return parse<MailMessage>(await client.get(k.mail(id)));
    },
    async claimMail(now, leaseUntil, limit) {
      const ids = (await run(claimDue, [k.mailDue()], [String(now), String(leaseUntil), String(limit)])) as string[];
      if (ids.length === 0) return [];
      const values = await client.mGet(ids.map(k.mail));
      // A record that expired, was trimmed or erased leaves a due entry behind: dropped when found.
      const gone = ids.filter((_, i) => values[i] === null);
      if (gone.length > 0) await client.zRem(k.mailDue(), gone);
      return values.flatMap((v) => {
        const message = parse<MailMessage>(v);
        return message ? [{ message, claim: leaseUntil }] : [];
      });
    },
    async finishMail(m, claim) {
      const next = m.status === "retrying" && m.nextAttemptAt !== undefined ? String(m.nextAttemptAt) : "";
      const args = [m.id, String(claim), JSON.stringify(m), next, String(retentionSeconds)];
      return Number(await run(finishDue, [k.mail(m.id), k.mailDue()], args)) === 1;
    },
    async listMail(limit, siteKey) {
      const log = siteKey ? k.siteMailLog(siteKey) : k.mailLog();
      return getMany<MailMessage>(await client.zRange(log, 0, limit - 1, { REV: true }), k.mail);
    },
    async mailBacklog() {
      return client.zCard(k.mailDue());
    },
  };
}
