// Redis key names (server/store/keys.ts): unchanged on a single Redis, so an existing install reads its data as
// before; hash-tagged on a Redis Cluster, so that what one script or transaction writes shares a slot.
import { describe, expect, it } from "vitest";
import { keys } from "../../server/store/keys.ts";

// The part of a name Redis Cluster hashes: the first {...} with something in it, else the whole name.
function hashed(name: string): string {
  const open = name.indexOf("{");
  const close = open < 0 ? -1 : name.indexOf("}", open + 1);
  return close > open + 1 ? name.slice(open + 1, close) : name;
}

describe("Redis key names", () => {
  it("are the names they always were on a single Redis", () => {
    const k = keys("banter:");
    expect([
      k.site("s1"),
      k.sites(),
      k.conversation("c1"),
      k.messages("c1"),
      k.queue("s1"),
      k.siteConversations("s1"),
      k.visitorConversation("s1", "v1"),
      k.repConversations("r1"),
      k.user("u1"),
      k.due(),
      k.webhookLog("s1", "e1"),
      k.siteMailLog("s1"),
      k.conversationDeliveries("c1"),
      k.funnelHash("s1", "2026-01-01"),
      k.funnelBackfilled("s1"),
      k.leadIndex("s1"),
    ]).toEqual([
      "banter:site:s1",
      "banter:sites",
      "banter:conv:c1",
      "banter:conv:c1:messages",
      "banter:queue:s1",
      "banter:site:s1:conversations",
      "banter:visitor:s1:v1",
      "banter:rep:r1:live",
      "banter:user:u1",
      "banter:due",
      "banter:site:s1:webhook:e1:log",
      "banter:site:s1:mail-log",
      "banter:conv:c1:webhook-deliveries",
      "banter:site:s1:funnel:2026-01-01",
      "banter:site:s1:funnel:backfilled",
      "banter:site:s1:leads:",
    ]);
    // Without a cluster, a conversation's site is never part of its names.
    expect(k.conversation("c1", "s1")).toBe("banter:conv:c1");
  });

  it("put a conversation's keys in its site's slot on a cluster, with every key its writes touch there", () => {
    const k = keys("banter:", true);
    // write-conversation-11.lua's fixed keys and create-conversation-8.lua's: one slot, the site's.
    const written = [
      k.conversation("c1", "s1"),
      k.queue("s1"),
      k.visitorConversation("s1", "v1"),
      k.visitorConversations("s1", "v1"),
      k.notes("c1", "s1"),
      k.conversationEmailIndexes("c1", "s1"),
      k.messages("c1", "s1"),
      k.clientIds("c1", "s1"),
      k.seq("c1", "s1"),
      k.siteConversations("s1"),
      k.site("s1"),
      k.engageDay("s1", "2026-01-01"),
      // The funnel's day, month rollup and month chart both scripts count into (their last keys), and the
      // backfill's mark.
      k.funnelHash("s1", "2026-01-01"),
      k.funnelHash("s1", "2026-01"),
      k.funnelHash("s1", "chart:2026-01"),
      k.funnelBackfilled("s1"),
    ];
    expect(new Set(written.map(hashed))).toEqual(new Set(["s1"]));
    // A key the scripts read by name (ARGV .. id) is the prefix given, then the id: still the site's slot.
    expect(hashed(`${k.conversation("", "s1")}c2`)).toBe("s1");
    // So is every key the leads index's scripts build from its prefix (lib-lead-index.lua).
    for (const suffix of ["reg", "heads", "t:all", "p:x"]) expect(hashed(`${k.leadIndex("s1")}${suffix}`)).toBe("s1");
    // Another site's are elsewhere; a conversation whose site is unknown is tagged by itself.
    expect(hashed(k.conversation("c1", "s2"))).toBe("s2");
    expect(hashed(k.messages("c1"))).toBe("c1");
  });

  it("put the install's data and the webhook, email and follow-up queues in one slot on a cluster", () => {
    const k = keys("banter:", true);
    const install = [
      k.user("u1"),
      k.users(),
      k.userByEmail("a@b.c"),
      k.authSession("h"),
      k.userSessions("u1"),
      k.presenceTabs(),
      k.due(),
      k.playbook("p", 1),
      k.sites(),
      // enqueue-delivery-5.lua, enqueue-mail-7.lua, open-followup-3.lua: their keys, per site and conversation too.
      k.webhookDelivery("d1"),
      k.webhookDue(),
      k.webhookLog("s1", "e1"),
      k.conversationDeliveries("c1"),
      k.mail("m1"),
      k.mailDue(),
      k.mailLog(),
      k.siteMailLog("s1"),
      k.conversationMail("c1"),
      k.mailDedupe("x"),
      k.followUp("f1"),
      k.siteFollowUps("s1"),
      k.conversationFollowUps("c1"),
    ];
    expect(new Set(install.map(hashed))).toEqual(new Set(["install"]));
    // What spans sites has its own slot, written apart from the scripts on a cluster.
    expect(hashed(k.emailConversations("a@b.c"))).not.toBe("install");
    expect(hashed(k.repConversations("r1"))).toBe(k.repConversations("r1"));
  });
});
