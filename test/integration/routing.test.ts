// Handoff and routing over real sockets and Redis: ring all or one at a time, timeouts, declines, many reps
// racing to accept, a rep going offline, the fallback, queue positions, transfer and outcomes.
import { describe, expect, it } from "vitest";
import type { Site, Store } from "../../server/store/types.ts";
import type { LeadCard, Message, QueueState, RepPresence } from "../../shared/protocol/index.ts";
import {
  appOnRedis,
  connected,
  next,
  ok,
  onMessage,
  qualifyHot,
  type RepClient,
  startApp,
  type VisitorClient,
} from "../support/app.ts";
import { until } from "../support/processes.ts";

describe("routing (Redis)", () => {
  const app = appOnRedis();

  async function setRouting(routing: Site["routing"]) {
    const site = (await app().store.getSite(app().siteKey)) as Site;
    await app().store.putSite({ ...site, routing });
  }

  async function repNamed(name: string): Promise<{ rep: RepClient; id: string }> {
    const email = `${name.toLowerCase()}@test.local`;
    await app().addRep(email, name);
    const { token, user } = await app().login(email);
    const rep = app().rep(token);
    await connected(rep);
    await ok(rep.emitWithAck("presence:set", { status: "available" }));
    return { rep, id: user.id };
  }

  async function hotVisitor(email = "bo@big.co", heard: Message[] = []): Promise<VisitorClient> {
    const v = app().visitor();
    await connected(v);
    onMessage(v, (m) => heard.push(m));
    await ok(
      v.emitWithAck("conversation:join", {
        lastSeq: 0,
        timeZone: "Europe/Paris",
        pageUrl: "http://localhost:5555/pricing",
      }),
    );
    await qualifyHot(v, email);
    return v;
  }

  it("rings every eligible rep at once; away and other-site reps do not ring", async () => {
    const a = await repNamed("Ann");
    const b = await repNamed("Bob");
    const c = await repNamed("Cid");
    await ok(c.rep.emitWithAck("presence:set", { status: "away" }));
    const rings = [next<LeadCard>(a.rep, "offer:created"), next<LeadCard>(b.rep, "offer:created")];
    let cRang = false;
    c.rep.on("offer:created", () => {
      cRang = true;
    });
    await hotVisitor();
    const [la, lb] = await Promise.all(rings);
    expect(la?.conversationId).toBe(lb?.conversationId);
    expect(la).toMatchObject({ timeZone: "Europe/Paris", pageTrail: ["http://localhost:5555/pricing"] });
    await new Promise((r) => setTimeout(r, 200));
    expect(cRang).toBe(false);
  });

  it("a rep reads the transcript so far of a lead that rings, before accepting; not once it is taken", async () => {
    const a = await repNamed("Ann");
    const b = await repNamed("Bob");
    const ring = next<LeadCard>(b.rep, "offer:created");
    await hotVisitor("pre@view.co");
    const { conversationId } = await ring;
    const preview = await ok(b.rep.emitWithAck("conversation:get", { conversationId, lastSeq: 0 }));
    expect(preview.messages.map((m) => m.text)).toContain("pre@view.co");
    await ok(a.rep.emitWithAck("offer:accept", { conversationId }));
    expect(await b.rep.emitWithAck("conversation:get", { conversationId, lastSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
  });

  it("with many reps pressing accept at once, exactly one wins and the others are told", async () => {
    const reps = await Promise.all(Array.from({ length: 8 }, (_, i) => repNamed(`Rep${i}`)));
    const ringing = reps.map((r) => next<LeadCard>(r.rep, "offer:created"));
    await hotVisitor();
    const { conversationId } = (await Promise.all(ringing))[0] as LeadCard;
    const withdrawn = reps.map((r) => next<{ reason?: string }>(r.rep, "offer:withdrawn"));
    const acks = await Promise.all(reps.map((r) => r.rep.emitWithAck("offer:accept", { conversationId })));
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    expect(acks.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === "CONFLICT")).toBe(true);
    expect((await Promise.all(withdrawn)).every((w) => w.reason === "taken")).toBe(true);
  });

  it("rings one rep at a time; after the ring timeout the next one; a decline moves on at once", async () => {
    await setRouting({ offerMode: "one", ringTimeoutMs: 300, strategy: "round-robin" });
    const a = await repNamed("Ann");
    const b = await repNamed("Bob");
    const c = await repNamed("Cid");
    const firstRings = Promise.race([
      next<LeadCard>(a.rep, "offer:created").then((l) => ({ who: a, lead: l })),
      next<LeadCard>(b.rep, "offer:created").then((l) => ({ who: b, lead: l })),
      next<LeadCard>(c.rep, "offer:created").then((l) => ({ who: c, lead: l })),
    ]);
    await hotVisitor();
    const first = await firstRings;
    expect(first.lead.offerExpiresAt).toBeGreaterThan(Date.now());
    // Nobody answers: the offer expires for the first rep and rings a second one.
    const others = [a, b, c].filter((r) => r !== first.who);
    const expired = next<{ reason?: string }>(first.who.rep, "offer:withdrawn");
    const second = await Promise.race(others.map((r) => next<LeadCard>(r.rep, "offer:created", 3000).then(() => r)));
    expect((await expired).reason).toBe("expired");
    // The second declines: the third rings at once.
    const third = others.find((r) => r !== second) as (typeof others)[number];
    const thirdRings = next<LeadCard>(third.rep, "offer:created", 1000);
    await ok(second.rep.emitWithAck("offer:decline", { conversationId: first.lead.conversationId }));
    expect((await thirdRings).conversationId).toBe(first.lead.conversationId);
    await ok(third.rep.emitWithAck("offer:accept", { conversationId: first.lead.conversationId }));
  });

  it("a rep who serves another site cannot decline a lead: refused, not marked tried, the ring goes on", async () => {
    await setRouting({ offerMode: "one", ringTimeoutMs: 5000, strategy: "round-robin" });
    const a = await repNamed("Ann");
    const ring = next<LeadCard>(a.rep, "offer:created");
    const outsider = await repNamed("Oz");
    await app().store.updateUser(outsider.id, (u) => ({ ...u, siteKeys: ["some-other-site"] }));
    // The served sites are read when the console connects: reconnect as the outsider now is.
    outsider.rep.disconnect();
    const { token } = await app().login("oz@test.local");
    const oz = app().rep(token);
    await connected(oz);
    await hotVisitor("decline@guard.co");
    const { conversationId } = await ring;
    const before = await app().store.getConversation(conversationId);
    expect(await oz.emitWithAck("offer:decline", { conversationId })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: "You do not take leads for this site." },
    });
    const after = await app().store.getConversation(conversationId);
    expect(after?.offer).toEqual(before?.offer);
    expect(after?.offer?.tried).not.toContain(outsider.id);
    // Its own rep may still decline it.
    await ok(a.rep.emitWithAck("offer:decline", { conversationId }));
    expect((await app().store.getConversation(conversationId))?.offer?.tried).toContain(a.id);
  });

  it("past the speed-to-lead target a waiting lead is marked breached, once, and rings every rep online", async () => {
    await setRouting({
      offerMode: "one",
      ringTimeoutMs: 60_000,
      maxWaitMs: 120_000,
      strategy: "round-robin",
      fallback: { kind: "callback" },
      sla: { liveMs: 600 },
    });
    const a = await repNamed("Ann");
    const b = await repNamed("Bob");
    await ok(b.rep.emitWithAck("presence:set", { status: "away" }));
    const first = next<LeadCard>(a.rep, "offer:created");
    const escalatedToBob = next<LeadCard>(b.rep, "offer:created", 5000);
    await hotVisitor("sla@target.co");
    const { conversationId } = await first;
    // Ann rings alone; nobody answers within the target: Bob, away, rings too.
    expect((await escalatedToBob).conversationId).toBe(conversationId);
    const breached = await app().store.getConversation(conversationId);
    expect(breached?.slaBreachedAt).toBeGreaterThanOrEqual((breached?.queuedAt ?? 0) + 600);
    expect(breached?.offer?.repId).toBeUndefined();
    // A console that reloads now still sees the offer (inbox:get), and anyone may take it.
    expect((await ok(b.rep.emitWithAck("inbox:get", {}))).offers.map((o) => o.conversationId)).toContain(
      conversationId,
    );
    await ok(b.rep.emitWithAck("offer:accept", { conversationId }));
    expect((await app().store.getConversation(conversationId))?.slaBreachedAt).toBe(breached?.slaBreachedAt);
  });

  it("with nobody online the visitor is offered a callback, and the lead is kept as a missed handoff", async () => {
    const heard: Message[] = [];
    const v = await hotVisitor("cara@corp.co", heard);
    // H1: one message says what will happen; no promise of a rep first, no apology after.
    await until(
      () =>
        heard.some((m) =>
          m.text.startsWith("Thanks, you're a great fit. Nobody from the team is online right now, but if you leave"),
        ),
      3000,
      "the fallback",
    );
    expect(heard.filter((m) => /connecting you|Sorry, nobody/i.test(m.text))).toEqual([]);
    await ok(v.emitWithAck("message:send", { clientId: "cb", text: "+1 415 555 0123, tomorrow after 2pm" }));
    await until(
      () => heard.some((m) => m.text.startsWith("Thanks! A rep will call you at +14155550123")),
      3000,
      "the thanks",
    );
    const id = heard[0]?.conversationId as string;
    const c = await app().store.getConversation(id);
    expect(c).toMatchObject({
      status: "closed",
      missedHandoff: true,
      callback: { phone: "+14155550123", when: "tomorrow after 2pm" },
    });
  });

  it("after the site's maximum wait, the booking link; outside business hours at once", async () => {
    await setRouting({
      maxWaitMs: 300,
      fallback: { kind: "booking", url: "https://cal.example/acme", label: "Book a call" },
    });
    await repNamed("Ann");
    const v = await hotVisitor();
    const heard: Message[] = [];
    onMessage(v, (m) => heard.push(m));
    await until(() => heard.some((m) => m.link?.url === "https://cal.example/acme"), 3000, "the booking link");
    await setRouting({ businessHours: { timeZone: "UTC", days: [] } });
    const late: Message[] = [];
    await hotVisitor("late@corp.co", late);
    await until(
      () => late.some((m) => m.text.includes("We're outside our opening hours right now, but")),
      3000,
      "the closed notice",
    );
    expect(late.filter((m) => /connecting you/i.test(m.text))).toEqual([]);
  });

  it("waiting visitors hear their place in line, updated as the queue moves", async () => {
    const a = await repNamed("Ann");
    const first = await hotVisitor("one@corp.co");
    const second = app().visitor();
    await connected(second);
    await ok(second.emitWithAck("conversation:join", { lastSeq: 0 }));
    const places: QueueState[] = [];
    second.on("queue:updated", (q) => places.push(q));
    await qualifyHot(second, "two@corp.co");
    await until(() => places.some((q) => q.position === 2), 3000, "position 2");
    void first;
    const inbox = await ok(a.rep.emitWithAck("inbox:get", {}));
    const firstLead = inbox.offers.find((o) => o.email === "one@corp.co") as LeadCard;
    await ok(a.rep.emitWithAck("offer:accept", { conversationId: firstLead.conversationId }));
    await until(() => places.at(-1)?.position === 1, 3000, "position 1");
    // One accept has been timed, so the estimate is no longer unknown.
    expect(places.at(-1)?.estimateMs).not.toBeNull();
  });

  it("a rep whose console goes quiet is offline; their live chat goes back to the queue and rings again", async () => {
    // Its own app with short-lived tabs: Bob's console keeps beating, Ann's stops.
    const quick = await startApp(app().store, { tabTtlMs: 400, ...(app().redis ? { redis: app().redis } : {}) });
    try {
      const rep = async (name: string) => {
        const email = `${name.toLowerCase()}@quick.local`;
        await quick.addRep(email, name);
        const { token, user } = await quick.login(email);
        const socket = quick.rep(token);
        await connected(socket);
        // The console's heartbeat, every 100 ms here, until the tab "closes".
        const beat = setInterval(() => void socket.emitWithAck("presence:heartbeat", {}).catch(() => {}), 100);
        socket.on("disconnect", () => clearInterval(beat));
        return { socket, id: user.id };
      };
      const ann = await rep("Ann");
      const ring = next<LeadCard>(ann.socket, "offer:created");
      const v = quick.visitor();
      await connected(v);
      await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
      await qualifyHot(v);
      const { conversationId } = await ring;
      await ok(ann.socket.emitWithAck("offer:accept", { conversationId }));
      const bob = await rep("Bob");
      try {
        const heard: Message[] = [];
        onMessage(v, (m) => heard.push(m));
        const again = next<LeadCard>(bob.socket, "offer:created", 5000);
        const presences: RepPresence[] = [];
        bob.socket.on("presence:updated", (p) => presences.push(p));
        ann.socket.disconnect();
        expect((await again).conversationId).toBe(conversationId);
        await until(() => presences.some((p) => p.repId === ann.id && p.status === "offline"), 3000, "Ann offline");
        await until(
          () => heard.some((m) => m.text === "Ann left the chat. Connecting you to another rep."),
          3000,
          "the notice",
        );
      } finally {
        bob.socket.disconnect();
      }
    } finally {
      await quick.close();
    }
  });

  it("a rep at capacity cannot accept one more", async () => {
    await app().store.putUser({
      ...((await app().store.getUserByEmail("owner@test.local")) as NonNullable<Awaited<ReturnType<Store["getUser"]>>>),
      capacity: 1,
    });
    const owner = app().rep((await app().login()).token);
    await connected(owner);
    const first = next<LeadCard>(owner, "offer:created");
    await hotVisitor("one@cap.co");
    await ok(owner.emitWithAck("offer:accept", { conversationId: (await first).conversationId }));
    await hotVisitor("two@cap.co");
    const waiting = await app().store.listQueue(app().siteKey);
    expect(waiting).toHaveLength(1);
    expect(await owner.emitWithAck("offer:accept", { conversationId: waiting[0] as string })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: "You are at your limit of 1 live chat." },
    });
  });

  it("a rep transfers a live chat to an available teammate, and closes with an outcome", async () => {
    const a = await repNamed("Ann");
    const b = await repNamed("Bob");
    const ring = next<LeadCard>(a.rep, "offer:created");
    const v = await hotVisitor();
    const { conversationId } = await ring;
    await ok(a.rep.emitWithAck("offer:accept", { conversationId }));
    const team = await ok(a.rep.emitWithAck("team:get", {}));
    expect(team.reps.find((r) => r.repId === b.id)).toMatchObject({ status: "available", live: 0, capacity: 3 });
    const assigned = next<LeadCard>(b.rep, "conversation:assigned");
    const moved = await ok(a.rep.emitWithAck("conversation:transfer", { conversationId, toRepId: b.id }));
    expect(moved.conversation.repName).toBe("Bob");
    // The chat is off Ann's books: her load, and her inbox after a reload.
    const after = await ok(a.rep.emitWithAck("team:get", {}));
    expect(after.reps.find((r) => r.repId === a.id)?.live).toBe(0);
    expect((await ok(a.rep.emitWithAck("inbox:get", {}))).conversations).toEqual([]);
    expect((await assigned).conversationId).toBe(conversationId);
    const toVisitor = next<Message>(v, "message:created");
    await ok(b.rep.emitWithAck("message:send", { conversationId, clientId: "b1", text: "Bob here!" }));
    expect((await toVisitor).text).toBe("Bob here!");
    expect(
      await a.rep.emitWithAck("message:send", { conversationId, clientId: "a1", text: "still me?" }),
    ).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    await ok(b.rep.emitWithAck("conversation:close", { conversationId, outcome: "meeting-booked" }));
    expect(await app().store.getConversation(conversationId)).toMatchObject({
      status: "closed",
      outcome: "meeting-booked",
    });
  });
});
