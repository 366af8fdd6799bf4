// Follow-up emails to a warm lead (shared/sequences, SQ1-SQ5) over real sockets, Redis and a real SMTP server:
// step 1 at the close, step 2 a (short) day later, one-click unsubscribe, and nothing without consent or after a
// rep took the lead or the visitor wrote again. A "day" is 1.5 s here.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../server/store/types.ts";
import { connected, type Harness, ok, startApp, type VisitorClient } from "../support/app.ts";
import { until } from "../support/processes.ts";
import { redisTestStore } from "../support/redis.ts";
import { smtpServer } from "../support/smtp.ts";

const day = 1500;

describe("follow-up emails (Redis, SMTP)", () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const closers: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    ({ store, cleanup } = await redisTestStore());
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await cleanup();
  });

  async function setup() {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    const start = () =>
      startApp(store, {
        email: { smtpUrl: smtp.url, publicUrl: "https://chat.acme.test", tickMs: 50 },
        sequenceDayMs: day,
      });
    const h = await start();
    closers.push(h.close);
    return { smtp, h, start };
  }

  // A warm lead by buttons (45 points); `email` answers the email question, which told of the follow-up.
  async function qualifyWarm(
    h: Harness,
    email: string | null,
  ): Promise<{ v: VisitorClient; id: string; visitorToken: string }> {
    const v = h.visitor();
    await connected(v);
    const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    for (const [i, choice] of ["capture", "under-5k", "shared", "researching"].entries()) {
      await ok(v.emitWithAck("message:send", { clientId: `w-${i}`, choice }));
    }
    if (email) await ok(v.emitWithAck("message:send", { clientId: "w-email", text: email }));
    else await ok(v.emitWithAck("message:send", { clientId: "w-email", choice: "__skip" }));
    return { v, id: joined.conversation.id, visitorToken: joined.visitorToken };
  }

  const sequenceOf = async (h: Harness, id: string) => (await h.store.getConversation(id))?.followUpEmails;

  it("SQ1 SQ4 a warm lead who consented gets step 1 at once and step 2 on its day, with one-click unsubscribe", async () => {
    const { smtp, h } = await setup();
    const { id } = await qualifyWarm(h, "ana@acme.io");
    const [first] = (await smtp.waitFor(1)).map((r) => r.mail);
    expect(first?.subject).toBe("Your chat with Demo site");
    expect(first?.to).toMatchObject({ text: "ana@acme.io" });
    expect(first?.text).toContain("Thanks for chatting with us today.");
    expect(first?.html).toContain("Unsubscribe</a>");
    // Header lines as received, unfolded.
    const line = (key: string) => (first?.headerLines.find((l) => l.key === key)?.line ?? "").replace(/\r?\n\s+/g, " ");
    const href = /^List-Unsubscribe: <(https:\/\/chat\.acme\.test\/email\/unsubscribe\?t=[\w.-]+)>$/.exec(
      line("list-unsubscribe"),
    )?.[1];
    expect(href).toBeDefined();
    expect(line("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(first?.text).toContain(href);
    expect(await sequenceOf(h, id)).toMatchObject({ tier: "warm", steps: 2, sent: 1 });

    // Step 2, three "days" later.
    const [, second] = (await smtp.waitFor(2, 15_000)).map((r) => r.mail);
    expect(second?.subject).toBe("Any questions for Demo site?");
    await until(async () => (await sequenceOf(h, id))?.sent === 2);
    expect((await sequenceOf(h, id))?.nextAt).toBeUndefined();

    // The link: GET only shows the button (link scanners), one POST unsubscribes.
    const path = (href ?? "").replace("https://chat.acme.test", h.url);
    const page = await fetch(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect((await sequenceOf(h, id))?.stopped).toBeUndefined();
    const post = await fetch(path, { method: "POST", body: "List-Unsubscribe=One-Click" });
    expect(post.status).toBe(200);
    expect((await sequenceOf(h, id))?.stopped?.reason).toBe("unsubscribed");
    // A changed token changes nothing.
    expect((await fetch(`${path}x`, { method: "POST" })).status).toBe(404);
  }, 30_000);

  it("SQ2 no email without consent: the email question skipped", async () => {
    const { smtp, h } = await setup();
    const { id } = await qualifyWarm(h, null);
    await until(async () => (await h.store.getConversation(id))?.status === "closed");
    await new Promise((r) => setTimeout(r, 600));
    expect(smtp.received).toHaveLength(0);
    expect(await sequenceOf(h, id)).toBeUndefined();
  });

  it("SQ3 stops on unsubscribe before step 2, and the address gets no new sequence on the site", async () => {
    const { smtp, h } = await setup();
    const { id } = await qualifyWarm(h, "bo@acme.io");
    const [first] = (await smtp.waitFor(1)).map((r) => r.mail);
    const href = /https:\/\/chat\.acme\.test(\/email\/unsubscribe\?t=[\w.-]+)/.exec(first?.text ?? "")?.[1] ?? "";
    expect((await fetch(`${h.url}${href}`, { method: "POST" })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 3.5 * day));
    expect(smtp.received).toHaveLength(1);
    expect((await sequenceOf(h, id))?.stopped?.reason).toBe("unsubscribed");
    // The same person chats again and consents again: the unsubscribe holds.
    const again = await qualifyWarm(h, "bo@acme.io");
    await until(async () => (await h.store.getConversation(again.id))?.status === "closed");
    await new Promise((r) => setTimeout(r, 600));
    expect(smtp.received).toHaveLength(1);
  }, 20_000);

  it("SQ3 stops when a rep takes the lead (sales owner set) before step 2", async () => {
    const { smtp, h } = await setup();
    const { id } = await qualifyWarm(h, "di@acme.io");
    await smtp.waitFor(1);
    const owner = (await h.store.listUsers())[0];
    await h.store.updateConversation({
      ...((await h.store.getConversation(id)) as NonNullable<Awaited<ReturnType<Store["getConversation"]>>>),
      sales: { ownerId: owner?.id ?? "u", status: "working", history: [] },
    });
    await until(async () => (await sequenceOf(h, id))?.stopped?.reason === "taken", 10_000);
    expect(smtp.received).toHaveLength(1);
  }, 20_000);

  it("SQ3 stops when the visitor writes again: a new chat after the one that ended", async () => {
    const { smtp, h } = await setup();
    const { v, id, visitorToken } = await qualifyWarm(h, "fay@acme.io");
    await smtp.waitFor(1);
    // The ended chat offers "Start a new chat": the visitor's next words open (and store) a new conversation.
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0, startNew: true, visitorToken }));
    await ok(v.emitWithAck("message:send", { clientId: "again", text: "One more question about pricing" }));
    await until(async () => (await sequenceOf(h, id))?.stopped?.reason === "replied", 10_000);
    await new Promise((r) => setTimeout(r, day));
    expect(smtp.received).toHaveLength(1);
  }, 20_000);

  it("SQ5 two processes never send a step twice", async () => {
    const { smtp, h, start } = await setup();
    const other = await start();
    closers.push(other.close);
    await qualifyWarm(h, "ed@acme.io");
    await smtp.waitFor(2, 15_000);
    await new Promise((r) => setTimeout(r, day));
    expect(smtp.received.map((r) => r.mail.subject)).toEqual([
      "Your chat with Demo site",
      "Any questions for Demo site?",
    ]);
  }, 30_000);
});
