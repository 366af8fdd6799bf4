// The Redis store on a Redis Cluster, beyond the store contract (which runs on one too): what it writes apart from
// the scripts there (the email index, the rep's live set, a conversation's site) is found, and erased, on whichever
// node holds it.
import { createHash } from "node:crypto";
import { describe, expect, it, onTestFinished } from "vitest";
import type { Conversation } from "../../server/store/types.ts";
import { redisCluster, redisTestStore } from "../support/redis.ts";
import { keysMentioning } from "../support/redis-scan.ts";
import { conversation, delivery } from "../support/store-contract.ts";

describe("the Redis store on a Redis Cluster", () => {
  it("erasing a visitor leaves no key on any node naming them, their conversation or their email", async () => {
    const { store, prefix, cleanup } = await redisTestStore(redisCluster());
    onTestFinished(cleanup);
    const id = "conv-erase-1";
    const visitorId = "visitor-erase-1";
    const email = "ana@erase.example";
    const created = await store.createConversation({
      ...conversation(id, visitorId),
      identity: { email: "Ana@Erase.example", verified: false },
    });
    const said = await store.updateConversationSaying({ ...created, status: "queued", queuedAt: 5 }, undefined, [
      { conversationId: id, clientId: "b:0", author: "bot", text: "A rep is on the way", at: 5 },
    ]);
    const queued = said?.conversation as Conversation;
    const live = await store.updateConversationIfRoom({ ...queued, status: "live", repId: "rep-erase" }, undefined, 2);
    expect(live).toMatchObject({ status: "live" });
    await store.addNote({ id: "n1", conversationId: id, authorId: "rep-erase", authorName: "R", text: "x", at: 6 }, 10);
    expect(await store.enqueueDelivery({ ...delivery("d-erase", 7), conversationId: id }, 100)).toBe(true);
    // What the cluster writes apart from the scripts is there, on its own slots.
    expect(await store.listEmailConversations(email)).toEqual([id]);
    expect(await store.listRepConversations("rep-erase")).toEqual([id]);
    expect((await store.listMessages(id, 0)).map((m) => m.text)).toEqual(["A rep is on the way"]);
    const hash = createHash("sha256").update(email).digest("base64url");
    const needles = [id, visitorId, email, hash];
    expect((await keysMentioning(redisCluster(), prefix, needles)).length).toBeGreaterThan(5);

    expect(await store.eraseVisitor("site1", visitorId)).toEqual([id]);
    expect(await keysMentioning(redisCluster(), prefix, needles)).toEqual([]);
    expect(await store.getConversation(id)).toBeNull();
  });
});
