// The owner's leads table over HTTP: filters, sorting, paging, validation, the CSV of a selection, a lead's
// detail, and erasing a visitor's data so that nothing about them is left in Redis.
import { createClient } from "redis";
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../server/store/types.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import type { ConversationView, Message, Stage, Tier } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, type Harness, next, ok, ownerOnline, qualifyHot } from "../support/app.ts";
import { keysMentioning } from "../support/redis-scan.ts";

const day = Date.UTC(2025, 2, 10);

// A lead written straight to the store: the table's logic does not depend on how the bot got there.
async function seed(h: Harness, id: string, tier: Tier, stage: Stage, score: number, at: number, email: string) {
  const engine = start(defaultPlaybook).state;
  engine.qualification = { score, tier, stage, reasons: [] };
  engine.slots.email = {
    slot: "email",
    questionId: "email",
    label: "Email",
    order: 9,
    value: { kind: "email", email },
    display: email,
    words: email,
    at,
  };
  const c: Conversation = {
    id,
    siteKey: h.siteKey,
    visitorId: `visitor-${id}`,
    status: "closed",
    engine,
    createdAt: at,
    updatedAt: at,
    rev: 0,
  };
  await h.store.createConversation(c);
}

async function get(h: Harness, token: string, path: string) {
  const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: res.headers.get("content-type")?.includes("json") ? await res.json() : null, res };
}

describe("leads table (Redis)", () => {
  const app = appOnRedis();

  async function seeded() {
    const h = app();
    await seed(h, "l1", "hot", "sql", 95, day, "hana@acme.io");
    await seed(h, "l2", "warm", "mql", 40, day + 3600_000, "wim@acme.io");
    await seed(h, "l3", "hot", "sql", 70, day + 86_400_000, "ava@acme.io");
    await seed(h, "l4", "cold", "disqualified", -10, day + 2 * 86_400_000, "cole@acme.io");
    const { token } = await h.login();
    return { h, token };
  }

  it("filters by tier, stage and date, sorts and pages; all sites or one", async () => {
    const { h, token } = await seeded();
    const ids = (b: { leads: { conversationId: string }[] }) => b.leads.map((l) => l.conversationId);

    const all = await get(h, token, "/api/leads");
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 4, page: 1, pageSize: 25 });
    expect(ids(all.body)).toEqual(["l4", "l3", "l2", "l1"]);
    expect(all.body.sites).toEqual([{ key: h.siteKey, name: "Demo site" }]);

    expect(ids((await get(h, token, "/api/leads?tier=hot&sort=score&dir=desc")).body)).toEqual(["l1", "l3"]);
    expect(ids((await get(h, token, "/api/leads?tier=hot&sort=score&dir=asc")).body)).toEqual(["l3", "l1"]);
    expect(ids((await get(h, token, "/api/leads?stage=mql")).body)).toEqual(["l2"]);
    expect(ids((await get(h, token, "/api/leads?sort=email&dir=asc")).body)).toEqual(["l3", "l4", "l1", "l2"]);
    // The end date counts whole.
    expect(ids((await get(h, token, "/api/leads?from=2025-03-10&to=2025-03-11&dir=asc")).body)).toEqual([
      "l1",
      "l2",
      "l3",
    ]);
    expect(ids((await get(h, token, `/api/leads?site=${h.siteKey}&tier=cold`)).body)).toEqual(["l4"]);
    // Empty fields, as a form sends them, filter nothing.
    expect((await get(h, token, "/api/leads?tier=&stage=&from=")).body.total).toBe(4);

    const page2 = await get(h, token, "/api/leads?pageSize=3&page=2");
    expect(page2.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(ids(page2.body)).toEqual(["l1"]);

    expect((await get(h, token, "/api/leads?site=nope")).body.error.code).toBe("UNKNOWN_SITE");
  });

  it("refuses a bad query with the fields at fault, and a rep", async () => {
    const { h, token } = await seeded();
    const bad = await get(
      h,
      token,
      "/api/leads?tier=lukewarm&pageSize=500&from=2025-02-30&sort=phone&page=0&missed=yes",
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("BAD_REQUEST");
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      "from",
      "missed",
      "page",
      "pageSize",
      "sort",
      "tier",
    ]);
    const reversed = await get(h, token, "/api/leads?from=2025-03-12&to=2025-03-10");
    expect(reversed.body.error.fields).toEqual([{ path: "to", message: "The end date is before the start date." }]);
    expect((await get(h, token, "/api/leads.csv?outcome=won")).status).toBe(400);

    await h.addRep("rita@test.local", "Rita");
    const rep = await h.login("rita@test.local");
    for (const path of ["/api/leads", "/api/leads.csv", "/api/leads/l1"]) {
      expect((await get(h, rep.token, path)).status).toBe(403);
    }
    const del = await fetch(`${h.url}/api/leads/l1/visitor`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${rep.token}` },
    });
    expect(del.status).toBe(403);
    expect(await h.store.getConversation("l1")).not.toBeNull();
    expect((await fetch(`${h.url}/api/leads`)).status).toBe(401);
  });

  it("exports what the filters select, in the table's order, every page", async () => {
    const { h, token } = await seeded();
    const { res } = await get(h, token, "/api/leads.csv?tier=hot&sort=score&dir=asc&pageSize=1");
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^created,email,/);
    expect(lines[1]).toContain(",ava@acme.io,,hot,sql,70,");
    expect(lines[2]).toContain(",hana@acme.io,,hot,sql,95,");
    // The per-site export still works.
    expect((await get(h, token, `/api/sites/${h.siteKey}/leads.csv`)).status).toBe(200);
  });

  it("filters by sales status, owner (or unassigned), missed handoff and search; the exports select the same", async () => {
    const { h, token } = await seeded();
    const owner = (await h.store.listUsers())[0];
    if (!owner) throw new Error("the harness bootstraps an owner");
    const change = async (id: string, to: Partial<Conversation>) => {
      const c = await h.store.getConversation(id);
      if (!c) throw new Error(`${id} is seeded`);
      expect(await h.store.updateConversation({ ...c, ...to })).not.toBeNull();
    };
    await change("l1", {
      missedHandoff: true,
      sales: { ownerId: owner.id, ownerName: owner.name, status: "working", history: [] },
    });
    await change("l3", { missedHandoff: true });
    const ids = async (query: string) =>
      ((await get(h, token, `/api/leads?${query}`)).body.leads as { conversationId: string }[]).map(
        (l) => l.conversationId,
      );
    expect(await ids("missed=1")).toEqual(["l3", "l1"]);
    expect(await ids("status=working")).toEqual(["l1"]);
    expect(await ids("status=new")).toEqual(["l4", "l3", "l2"]);
    expect(await ids(`owner=${owner.id}`)).toEqual(["l1"]);
    expect(await ids("owner=unassigned&missed=1")).toEqual(["l3"]);
    expect(await ids("q=WIM")).toEqual(["l2"]);
    expect(await ids("sort=status&dir=desc")).toEqual(["l1", "l4", "l3", "l2"]);

    const csv = (await (await get(h, token, "/api/leads.csv?missed=1&sort=email&dir=asc")).res.text())
      .trim()
      .split("\r\n");
    expect(csv.slice(1).map((line) => line.split(",")[1])).toEqual(["ava@acme.io", "hana@acme.io"]);
    const json = (await get(h, token, "/api/leads.json?owner=unassigned&q=acme.io&tier=hot")).body;
    expect(json.leads.map((l: { conversationId: string }) => l.conversationId)).toEqual(["l3"]);
  });

  it("shows a lead's detail: the lead card and the transcript", async () => {
    const h = app();
    await ownerOnline(h);
    const v = h.visitor();
    await connected(v);
    const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    await qualifyHot(v, "dee@big.co");
    const { token } = await h.login();
    const detail = await get(h, token, `/api/leads/${joined.conversation.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.lead).toMatchObject({ email: "dee@big.co", qualification: { tier: "hot" } });
    const texts = detail.body.messages.map((m: Message) => m.text);
    expect(texts).toContain("dee@big.co");
    expect(detail.body.messages[0].seq).toBe(1);
    expect((await get(h, token, "/api/leads/nope")).body.error.code).toBe("NOT_FOUND");
  });
});

describe("erasing a visitor's data (Redis)", () => {
  const app = appOnRedis();

  it("deletes every conversation of a returning visitor, ends the live one first, and leaves no trace", async () => {
    const h = app();
    const owner = await ownerOnline(h);

    // A first conversation, ended by the visitor; then they come back and are handed to a rep, live.
    const v = h.visitor();
    await connected(v);
    const first = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    await ok(v.emitWithAck("message:send", { clientId: "m1", text: "just looking" }));
    await ok(v.emitWithAck("conversation:close", {}));
    const second = await ok(
      v.emitWithAck("conversation:join", { lastSeq: 0, startNew: true, visitorToken: first.visitorToken }),
    );
    expect(second.conversation.id).not.toBe(first.conversation.id);
    const offered = next<{ conversationId: string }>(owner, "offer:created");
    await qualifyHot(v, "erase.me@acme.io");
    await offered;
    await ok(owner.emitWithAck("offer:accept", { conversationId: second.conversation.id }));

    // Another visitor, waiting in the queue: untouched.
    const other = h.visitor();
    await connected(other);
    const kept = await ok(other.emitWithAck("conversation:join", { lastSeq: 0 }));
    await qualifyHot(other, "keep.me@acme.io");

    const visitorId = (await h.store.getConversation(second.conversation.id))?.visitorId ?? "";
    expect(visitorId).not.toBe("");
    const ids = [first.conversation.id, second.conversation.id];
    const visitorHears = next<ConversationView>(v, "conversation:updated");
    const repHears = next<ConversationView>(owner, "conversation:updated");

    const { token } = await h.login();
    const res = await fetch(`${h.url}/api/leads/${first.conversation.id}/visitor`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { erased: string[] }).erased.sort()).toEqual([...ids].sort());
    // The live chat was ended first: the visitor's widget and the rep's console heard it close.
    expect(await visitorHears).toMatchObject({ id: second.conversation.id, status: "closed" });
    expect(await repHears).toMatchObject({ id: second.conversation.id, status: "closed" });

    // Nothing in Redis names the visitor or their conversations, in a key or in any member or field.
    const prefix = h.redis?.prefix ?? "";
    const mentions = [visitorId, ...ids];
    const client = createClient({ url: h.redis?.url ?? "" });
    await client.connect();
    try {
      expect(await keysMentioning(h.redis?.url ?? "", prefix, mentions)).toEqual([]);
      // The other visitor's lead is untouched, still waiting, with its transcript.
      expect((await h.store.getConversation(kept.conversation.id))?.status).toBe("queued");
      expect(await h.store.listQueue(h.siteKey)).toEqual([kept.conversation.id]);
      expect((await h.store.listMessages(kept.conversation.id, 0)).map((m) => m.text)).toContain("keep.me@acme.io");
      expect(await client.exists(`${prefix}conv:${kept.conversation.id}:messages`)).toBe(1);
    } finally {
      await client.close();
    }

    const list = await (await fetch(`${h.url}/api/leads`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(list.leads.map((l: { conversationId: string }) => l.conversationId)).toEqual([kept.conversation.id]);
    const again = await fetch(`${h.url}/api/leads/${first.conversation.id}/visitor`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(404);
  });
});
