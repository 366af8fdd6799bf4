// The funnel report over real conversations: visitors open and leave, answer a question, qualify hot with nobody
// online (the fallback) and with a rep who accepts and closes with an outcome (shared/funnel/SPEC.md).
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../server/store/types.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import { addDays, contributions, isoDay, parseDay, waitBucket } from "../../shared/funnel/index.ts";
import type { FunnelReport, LeadCard } from "../../shared/protocol/index.ts";
import {
  appOnRedis,
  connected,
  type Harness,
  next,
  ok,
  ownerOnline,
  qualifyHot,
  type VisitorClient,
} from "../support/app.ts";
import { until } from "../support/processes.ts";

async function joins(v: VisitorClient) {
  await connected(v);
  return (await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }))).conversation.id;
}

async function report(h: Harness, query: string, token?: string) {
  const res = await fetch(`${h.url}/api/funnel${query}`, {
    headers: { authorization: `Bearer ${token ?? (await h.login()).token}` },
  });
  return {
    status: res.status,
    body: (await res.json()) as FunnelReport & { error?: { code: string; fields?: unknown } },
  };
}

const counts = (r: FunnelReport) => Object.fromEntries(r.funnel.stages.map((s) => [s.id, s.count]));

describe("funnel report (Redis)", () => {
  const app = appOnRedis();

  it("counts each stage, drop-off per question and the time to accept of real conversations", async () => {
    const h = app();
    // Opens the chat and leaves: nothing is stored, nothing counts (F1, engine rule H3).
    await joins(h.visitor());
    // Opens the chat, says hello and leaves.
    const hello = h.visitor();
    await joins(hello);
    await ok(hello.emitWithAck("message:send", { clientId: "h1", text: "hello" }));
    // Answers the first question and leaves at the budget.
    const answersOne = h.visitor();
    await joins(answersOne);
    await ok(answersOne.emitWithAck("message:send", { clientId: "n1", choice: "capture" }));
    // Hot with nobody online: offered a handoff that goes to the fallback.
    const missed = h.visitor();
    const missedId = await joins(missed);
    await qualifyHot(missed, "mo@big.co");
    await until(async () => (await h.store.getConversation(missedId))?.missedHandoff === true, 10_000, "fallback");

    // Hot with a rep online who accepts and closes with an outcome.
    const rep = await ownerOnline(h);
    const hot = h.visitor();
    await joins(hot);
    const offered = next<LeadCard>(rep, "offer:created");
    await qualifyHot(hot);
    const lead = await offered;
    await ok(rep.emitWithAck("offer:accept", { conversationId: lead.conversationId }));
    await ok(rep.emitWithAck("conversation:close", { conversationId: lead.conversationId, outcome: "meeting-booked" }));

    const today = isoDay(Date.now());
    const { status, body } = await report(h, `?site=${h.siteKey}&from=${today}&to=${today}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: today, to: today, site: { key: h.siteKey } });
    expect(counts(body)).toEqual({
      opened: 4,
      answered: 3,
      completed: 2,
      mql: 2,
      sql: 2,
      offered: 2,
      accepted: 1,
      outcome: 1,
    });
    expect(body.funnel.missedHandoffs).toBe(1);
    expect(body.funnel.handoffsOutsideFunnel).toBe(0);
    expect(body.funnel.questions.map((q) => [q.id, q.reached, q.answered, q.dropOff])).toEqual([
      ["need", 4, 3, 1],
      ["budget", 3, 2, 1],
      ["authority", 2, 2, 0],
      ["timing", 2, 2, 0],
      ["email", 2, 2, 0],
    ]);
    const stored = await h.store.getConversation(lead.conversationId);
    const waited = (stored?.acceptedAt ?? 0) - (stored?.queuedAt ?? 0);
    expect(stored?.acceptedAt).toBeGreaterThanOrEqual(stored?.queuedAt ?? Number.POSITIVE_INFINITY);
    // F29: from buckets, to the second.
    expect(body.timesFromBuckets).toBe(true);
    expect(body.funnel.timeToAccept).toEqual({ median: waitBucket(waited), p90: waitBucket(waited), count: 1 });
    expect(body.funnel.outcomes.find((o) => o.outcome === "meeting-booked")?.count).toBe(1);
  });

  it("reports only the conversations created in the date range (UTC days, both ends included)", async () => {
    const h = app();
    const today1 = h.visitor();
    await joins(today1);
    await ok(today1.emitWithAck("message:send", { clientId: "h1", text: "hello" }));
    const t = start(defaultPlaybook);
    const today = isoDay(Date.now());
    // The last minute of a day 10 days ago, and one 40 days ago (before the default 30 days).
    const stored = async (daysAgo: number) => {
      const day = addDays(today, -daysAgo);
      const at = (parseDay(day) ?? 0) + 24 * 3600 * 1000 - 60_000;
      const id = `old-${daysAgo}`;
      await h.store.createConversation({
        ...{ id, siteKey: h.siteKey, visitorId: id, status: "bot", engine: t.state },
        ...{ createdAt: at, updatedAt: at, rev: 0 },
      });
      return day;
    };
    const tenDaysAgo = await stored(10);
    await stored(40);
    const { token } = await h.login();
    const opened = async (from: string, to: string) =>
      counts((await report(h, `?site=${h.siteKey}&from=${from}&to=${to}`, token)).body).opened;
    expect(await opened(tenDaysAgo, tenDaysAgo)).toBe(1);
    expect(await opened(addDays(tenDaysAgo, 1), addDays(today, -1))).toBe(0);
    expect(await opened(tenDaysAgo, today)).toBe(2);
    expect(await opened(addDays(today, -40), today)).toBe(3);
    // Day by day (F19-F20): the day before and after are there with nothing; the seeded lead is cold.
    const around = await report(
      h,
      `?site=${h.siteKey}&from=${addDays(tenDaysAgo, -1)}&to=${addDays(tenDaysAgo, 1)}`,
      token,
    );
    expect(around.body.daily.map((d) => [d.day, d.leads])).toEqual([
      [addDays(tenDaysAgo, -1), { hot: 0, warm: 0, cold: 0 }],
      [tenDaysAgo, { hot: 0, warm: 0, cold: 1 }],
      [addDays(tenDaysAgo, 1), { hot: 0, warm: 0, cold: 0 }],
    ]);
    // Without dates: the last 30 days up to today.
    const recent = await report(h, "", token);
    expect(counts(recent.body).opened).toBe(2);
    expect([recent.body.from, recent.body.to]).toEqual([addDays(today, -29), today]);
    expect(recent.body.sites.map((s) => s.key)).toContain(h.siteKey);
  });

  it("F28, F31: reads the day counters, which erasing a visitor takes their conversations off", async () => {
    const h = app();
    const ids: string[] = [];
    for (const text of ["hello", "hi there"]) {
      const v = h.visitor();
      ids.push(await joins(v));
      await ok(v.emitWithAck("message:send", { clientId: "m1", text }));
    }
    const today = isoDay(Date.now());
    const { token } = await h.login();
    const opened = async () => counts((await report(h, `?site=${h.siteKey}&from=${today}&to=${today}`, token)).body);
    expect((await opened()).opened).toBe(2);
    const erased = await h.store.getConversation(ids[0] ?? "");
    await h.store.eraseVisitor(h.siteKey, erased?.visitorId ?? "");
    expect((await opened()).opened).toBe(1);
    // What is left is exactly the other conversation's contributions (F27).
    const kept = await h.store.getConversation(ids[1] ?? "");
    expect(await h.store.funnelCounters(h.siteKey, [today])).toEqual([
      contributions(kept as Conversation, defaultPlaybook),
    ]);
  });

  it("is for owners only, and refuses bad dates and unknown sites", async () => {
    const h = app();
    expect((await fetch(`${h.url}/api/funnel`)).status).toBe(401);
    await h.addRep("rep@test.local", "Rep");
    const repToken = (await h.login("rep@test.local")).token;
    expect((await report(h, "", repToken)).status).toBe(403);
    const { token } = await h.login();
    const bad = await report(h, "?from=2025-13-01", token);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields).toEqual([{ path: "from", message: expect.any(String) }]);
    const backwards = await report(h, "?from=2025-02-01&to=2025-01-01", token);
    expect(backwards.status).toBe(400);
    expect((await report(h, "?from=yesterday", token)).status).toBe(400);
    expect((await report(h, "?from=2020-01-01&to=2025-01-01", token)).status).toBe(400);
    const unknown = await report(h, "?site=nope", token);
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, "UNKNOWN_SITE"]);
  });
});
