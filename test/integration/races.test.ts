// Races made deterministic: the store is wrapped so that a second actor moves at the worst moment.
import { describe, expect, it } from "vitest";
import type { HandoffEvents, Publisher } from "../../server/conversation/events.ts";
import { conversationService } from "../../server/conversation/service.ts";
import { conversationWriter } from "../../server/conversation/writer.ts";
import { counted } from "../../server/limits/guard.ts";
import { createMemoryStore } from "../../server/store/memory-store.ts";
import type { Site, Store } from "../../server/store/types.ts";
import { defaultPlaybook } from "../../shared/engine/index.ts";
import { BanterError } from "../../shared/protocol/index.ts";

const site: Site = {
  key: "s1",
  name: "Acme",
  allowedOrigins: [],
  greeting: "",
  accentColor: "#000",
  playbookId: defaultPlaybook.id,
  playbookVersion: defaultPlaybook.version,
  createdAt: 0,
};

function recorder() {
  const events: string[] = [];
  const publish: Publisher = {
    message: (m) => events.push(`message:${m.author}`),
    messages: (ms) => events.push(...ms.map((m) => `message:${m.author}`)),
    conversation: (v) => events.push(`conversation:${v.status}`),
    offer: () => events.push("offer:created"),
    offerWithdrawn: () => events.push("offer:withdrawn"),
    typing: () => events.push("typing"),
    assigned: () => events.push("assigned"),
    presence: () => events.push("presence"),
    queue: () => events.push("queue"),
  };
  const handoff: HandoffEvents = {
    queued: () => events.push("queued"),
    accepted: () => events.push("accepted"),
    freed: () => events.push("freed"),
  };
  return { events, publish, handoff };
}

// `turnCacheSize`: 0 for a service that reads the conversation for every turn (server/conversation/turn-cache.ts).
async function setup(wrap: (store: Store, hooks: { onAppend?: () => Promise<void> }) => Store, turnCacheSize?: number) {
  const base = createMemoryStore();
  await base.putPlaybook(defaultPlaybook);
  await base.putSite(site);
  // A rep online and available, so a hot lead is queued for them (with nobody, the bot says so and the lead
  // goes to the fallback at once: engine rule H1).
  await base.putUser({ id: "r0", email: "r0@x.co", name: "R0", role: "rep", passwordHash: "x", createdAt: 0 });
  await base.setRepStatus("r0", "available");
  await base.touchRepTab("r0", "tab", Number.MAX_SAFE_INTEGER);
  const hooks: { onAppend?: () => Promise<void> } = {};
  const store = wrap(base, hooks);
  const { events, publish, handoff } = recorder();
  let n = 0;
  const now = () => Date.UTC(2026, 10, 26, 12);
  const service = conversationService({
    store,
    writer: conversationWriter({ store, now }),
    publish,
    events: handoff,
    now,
    draftIdOf: () => `c${++n}`,
    ...(turnCacheSize === undefined ? {} : { turnCacheSize }),
  });
  const opened = await service.open(site, "v1", undefined);
  if (!("draft" in opened)) throw new Error("a new visitor's conversation starts as a draft");
  // The first answer stores the draft (with the bot's answer), the others are turns of the stored conversation.
  const id = opened.draft.id;
  await service.begin(opened.draft, { clientId: "m0", choice: "capture" });
  for (const [i, choice] of ["over-100k", "decider", "month"].entries()) {
    await service.visitorSays(id, { clientId: `m${i + 1}`, choice });
  }
  return { service, store, base, hooks, events, id };
}

describe("races", () => {
  it("the visitor closes while the last answer is being stored: the lead is not re-queued", async () => {
    const { service, hooks, events, base, id } = await setup((store, hooks) => ({
      ...store,
      // The close lands after the turn was read, before it is written (the turn in one write), and again
      // before the long way's bot step, if it is taken.
      async updateConversationSaying(next, previousRepId, lines, firstSeq) {
        await hooks.onAppend?.();
        return store.updateConversationSaying(next, previousRepId, lines, firstSeq);
      },
      async appendMessage(draft) {
        const r = await store.appendMessage(draft);
        await hooks.onAppend?.();
        return r;
      },
    }));
    hooks.onAppend = async () => {
      hooks.onAppend = undefined;
      await service.close(id, { visitor: true });
    };
    events.length = 0;
    // The close lands first: the answer is refused as too late, and nothing re-opens the lead.
    await expect(service.visitorSays(id, { clientId: "email", text: "bo@big.co" })).rejects.toMatchObject({
      code: "CLOSED",
    });
    expect((await base.getConversation(id))?.status).toBe("closed");
    expect(events).not.toContain("queued");
    expect(events).not.toContain("conversation:queued");
  });

  it("a chat closed while the rate limits are being checked takes no more lines", async () => {
    // A conversation this process does not know: its turn reads it while the limits are checked (a known one
    // counts them in its write).
    const { service, base, id } = await setup((s) => s, 0);
    let pass = () => {};
    const allowed = new Promise<void>((r) => (pass = r));
    const says = service.visitorSays(id, { clientId: "late", text: "hello?" }, { ...counted, check: () => allowed });
    // The conversation is read while the limits are checked; another tab ends the chat before they answer.
    await new Promise((r) => setTimeout(r, 5));
    await service.close(id, { visitor: true });
    pass();
    await expect(says).rejects.toMatchObject({ code: "CLOSED" });
    expect((await base.listMessages(id, 0)).map((m) => m.clientId)).not.toContain("late");
  });

  it("a message whose bot turn failed is answered when it is resent, and only once", async () => {
    let failNext = true;
    const { service, base, id } = await setup((store) => ({
      ...store,
      async updateConversationSaying(next, previousRepId, lines) {
        if (failNext && next.engine.outcome !== null) {
          failNext = false;
          throw new Error("connection reset");
        }
        return store.updateConversationSaying(next, previousRepId, lines);
      },
    }));
    await expect(service.visitorSays(id, { clientId: "email", text: "bo@big.co" })).rejects.toThrow("connection reset");
    expect((await base.getConversation(id))?.status).toBe("bot");
    const resent = await service.visitorSays(id, { clientId: "email", text: "bo@big.co" });
    const again = await service.visitorSays(id, { clientId: "email", text: "bo@big.co" });
    expect(again).toEqual(resent);
    expect((await base.getConversation(id))?.status).toBe("queued");
    const bot = (await base.listMessages(id, 0)).filter((m) => m.author === "bot");
    expect(bot.at(-1)?.text).toBe(defaultPlaybook.copy.handoff);
    expect(bot.filter((m) => m.text === defaultPlaybook.copy.handoff)).toHaveLength(1);
  });

  it("accepting a lead that left answers CLOSED, not CONFLICT", async () => {
    const { service, id } = await setup((s) => s);
    await service.visitorSays(id, { clientId: "email", text: "bo@big.co" });
    await service.close(id, { visitor: true });
    const err = await service
      .accept(id, { id: "r1", email: "r@x.co", name: "R", role: "rep" })
      .catch((e: BanterError) => e);
    expect(err).toBeInstanceOf(BanterError);
    expect((err as BanterError).code).toBe("CLOSED");
  });
});
