// The store contract, mail: the email outbox and its logs: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MailMessage, Store } from "../../../server/store/types.ts";
import { conversation, storeFactories } from "../../support/store-contract.ts";

function mail(id: string, at: number, more: Partial<MailMessage> = {}): MailMessage {
  return {
    id,
    kind: "invite",
    to: "ana@example.com",
    subject: `Subject ${id}`,
    text: "Hello",
    html: "<p>Hello</p>",
    status: "queued",
    attempts: 0,
    createdAt: at,
    nextAttemptAt: at,
    ...more,
  };
}

describe.each(storeFactories)("store contract, mail: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("enqueues a message once (by id and by dedupe key); each due message is claimed by one taker; a lapsed claim is retried", async () => {
    expect(await store.enqueueMail(mail("m1", 10, { dedupeKey: "end|c1" }), 100)).toBe(true);
    expect(await store.enqueueMail(mail("m1", 10), 100)).toBe(false);
    expect(await store.enqueueMail(mail("m9", 10, { dedupeKey: "end|c1" }), 100)).toBe(false);
    expect(await store.getMail("m9")).toBeNull();
    expect(await store.enqueueMail(mail("m2", 50), 100)).toBe(true);
    expect(await store.mailBacklog()).toBe(2);
    const taken = (await Promise.all([1, 2, 3].map(() => store.claimMail(20, 1000, 10)))).flat();
    expect(taken.map((t) => t.message.id)).toEqual(["m1"]);
    expect((await store.claimMail(999, 2000, 10)).map((t) => t.message.id)).toEqual(["m2"]);
    expect((await store.claimMail(1000, 3000, 10)).map((t) => t.message.id)).toEqual(["m1"]);
    const sent = { ...mail("m1", 10), status: "sent" as const, attempts: 1, sentAt: 1001 };
    expect(await store.finishMail(sent, 1000)).toBe(false);
    expect(await store.finishMail(sent, 3000)).toBe(true);
    expect(await store.getMail("m1")).toMatchObject({ status: "sent", attempts: 1, sentAt: 1001 });
    const retry = { ...mail("m2", 50), status: "retrying" as const, attempts: 1, nextAttemptAt: 5000 };
    expect(await store.finishMail(retry, 2000)).toBe(true);
    expect(await store.claimMail(4999, 9000, 10)).toEqual([]);
    expect((await store.claimMail(5000, 9000, 10)).map((t) => t.message.id)).toEqual(["m2"]);
    expect(await store.finishMail({ ...retry, status: "failed", attempts: 2, lastError: "550 no" }, 9000)).toBe(true);
    expect(await store.mailBacklog()).toBe(0);
    // Sent and failed are off the due set: never claimed again.
    expect(await store.claimMail(99_999, 100_000, 10)).toEqual([]);
  });

  it("a kept message (no SMTP) is listed but never due", async () => {
    expect(await store.enqueueMail(mail("k1", 10, { status: "kept" }), 100)).toBe(true);
    expect(await store.claimMail(99_999, 100_000, 10)).toEqual([]);
    expect((await store.listMail(10)).map((m) => m.id)).toEqual(["k1"]);
  });

  it("lists newest first, overall and per site, each keeping the newest `keep`", async () => {
    for (let i = 1; i <= 4; i++) await store.enqueueMail(mail(`m${i}`, i * 10, i % 2 ? { siteKey: "s1" } : {}), 3);
    expect((await store.listMail(10)).map((m) => m.id)).toEqual(["m4", "m3", "m2"]);
    expect((await store.listMail(2)).map((m) => m.id)).toEqual(["m4", "m3"]);
    expect((await store.listMail(10, "s1")).map((m) => m.id)).toEqual(["m3"]);
    expect(await store.getMail("m1")).toBeNull();
    expect(await store.listMail(10, "other")).toEqual([]);
  });

  it("erasing a visitor erases the emails about their conversations; none can be enqueued about them after", async () => {
    await store.createConversation(conversation("c1", "v1"));
    await store.createConversation(conversation("c2", "v2"));
    expect(await store.enqueueMail(mail("m1", 10, { siteKey: "site1", conversationId: "c1" }), 100)).toBe(true);
    expect(await store.enqueueMail(mail("m2", 20, { siteKey: "site1", conversationId: "c2" }), 100)).toBe(true);
    expect(await store.eraseVisitor("site1", "v1")).toEqual(["c1"]);
    expect(await store.getMail("m1")).toBeNull();
    expect((await store.listMail(10)).map((m) => m.id)).toEqual(["m2"]);
    expect((await store.listMail(10, "site1")).map((m) => m.id)).toEqual(["m2"]);
    expect((await store.claimMail(99_999, 100_000, 10)).map((t) => t.message.id)).toEqual(["m2"]);
    expect(await store.enqueueMail(mail("m3", 30, { conversationId: "c1" }), 100)).toBe(false);
  });
});
