// Prometheus metrics after a real conversation: a visitor qualifies hot, a rep accepts, and /metrics counts it.
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../server/store/memory-store.ts";
import type { LeadCard } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, next, ok, ownerOnline, qualifyHot, startApp } from "../support/app.ts";

// The value of one sample line, e.g. `banter_leads_total{tier="hot",stage="sql"} 1`.
function sample(text: string, name: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe("metrics", () => {
  const app = appOnRedis();

  it("counts messages, bot turns, leads by tier, the wait for a rep, and who is connected", async () => {
    const rep = await ownerOnline(app());
    const v = app().visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const offered = next<LeadCard>(rep, "offer:created");
    await qualifyHot(v);
    const lead = await offered;
    await ok(rep.emitWithAck("offer:accept", { conversationId: lead.conversationId }));

    const res = await fetch(`${app().url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    // Five answers by the visitor, each one bot turn; the bot's greeting, questions and handoff line.
    expect(sample(text, 'banter_messages_total{author="visitor"}')).toBe(5);
    expect(sample(text, 'banter_messages_total{author="bot"}')).toBeGreaterThanOrEqual(6);
    expect(sample(text, "banter_bot_turns_total")).toBe(5);
    expect(sample(text, 'banter_leads_total{tier="hot",stage="sql"}')).toBe(1);
    expect(sample(text, "banter_handoff_wait_seconds_count")).toBe(1);
    expect(sample(text, "banter_visitors_connected")).toBe(1);
    expect(sample(text, "banter_reps_online")).toBe(1);
    expect(sample(text, "banter_store_up")).toBe(1);
    expect(sample(text, "banter_process_resident_memory_bytes")).toBeGreaterThan(0);
    // Nothing personal: no emails, no message text.
    expect(text).not.toContain("bo@big.co");
  });
});

describe("metrics behind a token", () => {
  it("wants the bearer token when METRICS_TOKEN is set", async () => {
    const h = await startApp(createMemoryStore(), { metricsToken: "s3cret-scrape" });
    try {
      expect((await fetch(`${h.url}/metrics`)).status).toBe(401);
      const wrong = await fetch(`${h.url}/metrics`, { headers: { authorization: "Bearer nope" } });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${h.url}/metrics`, { headers: { authorization: "Bearer s3cret-scrape" } });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain("banter_messages_total");
    } finally {
      await h.close();
    }
  });
});

describe("store errors", () => {
  it("counts failed store operations by operation, and answers the request UNAVAILABLE", async () => {
    const real = createMemoryStore();
    let broken = false;
    // The store as it behaves while Redis is unreachable: reads reject and it says it is unavailable.
    const store = Object.assign(Object.create(real) as typeof real, {
      getSite: (key: string) => (broken ? Promise.reject(new Error("connection lost")) : real.getSite(key)),
      isAvailable: () => !broken,
    });
    const h = await startApp(store);
    try {
      broken = true;
      const res = await fetch(`${h.url}/api/sites/${h.siteKey}/config`);
      expect(res.status).toBe(503);
      broken = false;
      const text = await (await fetch(`${h.url}/metrics`)).text();
      expect(sample(text, 'banter_store_errors_total{op="getSite"}')).toBe(1);
    } finally {
      await h.close();
    }
  });
});
