// The owner's lead list and CSV export: every lead with its explained score; nothing a visitor typed can run
// as a formula in a spreadsheet.
import { describe, expect, it } from "vitest";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import { appOnRedis, connected, ok, ownerOnline, qualifyHot } from "../support/app.ts";

describe("lead export (Redis)", () => {
  const app = appOnRedis();

  it("lists leads newest first and exports them as CSV with the score's breakdown, formulas neutralised", async () => {
    const h = app();
    await ownerOnline(h);
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0, pageUrl: '=HYPERLINK("http://evil.example","x")' }));
    await qualifyHot(v, "ana@acme.io");
    const { token } = await h.login();
    const auth = { headers: { authorization: `Bearer ${token}` } };

    const list = await (await fetch(`${h.url}/api/sites/${h.siteKey}/leads`, auth)).json();
    expect(list.leads).toHaveLength(1);
    expect(list.leads[0]).toMatchObject({ email: "ana@acme.io", qualification: { tier: "hot" } });

    const res = await fetch(`${h.url}/api/sites/${h.siteKey}/leads.csv`, auth);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const [head, line] = (await res.text()).split("\r\n");
    expect(head).toBe(
      "created,email,phone,tier,stage,score,score reasons,answers,status,outcome,missed handoff,callback phone,callback when,rep,pages,source,utm source,utm medium,utm campaign,utm term,utm content,referrer,landing page,identity name,identity email,user id,identity verified,conversations",
    );
    expect(line).toContain(",ana@acme.io,,hot,sql,105,");
    expect(line).toContain("Budget at least $100,000, at least $100k: +30");
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);

    await h.addRep("rita@test.local", "Rita");
    const rep = await h.login("rita@test.local");
    expect(
      (await fetch(`${h.url}/api/sites/${h.siteKey}/leads.csv`, { headers: { authorization: `Bearer ${rep.token}` } }))
        .status,
    ).toBe(403);
  });
});

describe("no flood pushes a real lead out of a list or an export (Redis)", () => {
  const app = appOnRedis();

  it("past 5,000 newer conversations, a hot lead is still in the leads pages, both exports, the inbox and the funnel", async () => {
    const h = app();
    await ownerOnline(h);
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    await qualifyHot(v, "real@lead.co");
    const real = (await h.store.listConversations(h.siteKey, 1))[0];
    if (!real) throw new Error("the hot lead was not stored");
    // The flood: one-message conversations from a script, all newer than the real lead (stored straight into the
    // store: what matters is how many, not how they came).
    const flood = 5_100;
    const { state } = start(defaultPlaybook);
    for (let i = 0; i < flood; i += 100)
      await Promise.all(
        Array.from({ length: 100 }, (_, j) =>
          h.store.createConversation({
            id: `flood-${i + j}`,
            siteKey: h.siteKey,
            visitorId: `flood-visitor-${i + j}`,
            status: "bot",
            engine: state,
            createdAt: real.createdAt + 1 + i + j,
            updatedAt: real.createdAt + 1 + i + j,
            rev: 0,
          }),
        ),
      );
    const { token } = await h.login();
    const get = async (path: string) => {
      const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(200);
      return res;
    };

    // The leads table, page by page with the cursor, to the end.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await (await get(`/api/leads?pageSize=100${cursor ? `&cursor=${cursor}` : ""}`)).json();
      expect(page.total).toBe(flood + 1);
      seen.push(...page.leads.map((l: { conversationId: string }) => l.conversationId));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(flood + 1);
    expect(seen.at(-1)).toBe(real.id);
    // Filtered to hot, it is the only one, on the first page.
    expect((await (await get("/api/leads?tier=hot")).json()).leads.map((l: { email: string }) => l.email)).toEqual([
      "real@lead.co",
    ]);

    const csv = (await (await get("/api/leads.csv")).text()).split("\r\n").filter(Boolean);
    expect(csv).toHaveLength(1 + flood + 1);
    expect(csv.filter((line) => line.includes("real@lead.co"))).toHaveLength(1);
    const json = await (await get(`/api/leads.json?site=${h.siteKey}`)).json();
    expect(json.leads).toHaveLength(flood + 1);
    const siteCsv = await (await get(`/api/sites/${h.siteKey}/leads.csv`)).text();
    expect(siteCsv).toContain("real@lead.co");

    // The inbox, by activity: the lead is found by search, and in its view.
    const found = await (await get("/api/conversations?q=real%40lead.co")).json();
    expect(found.conversations.map((c: { id: string }) => c.id)).toEqual([real.id]);

    const funnel = await (await get(`/api/funnel?site=${h.siteKey}`)).json();
    expect(funnel.funnel.stages[0].count).toBe(flood + 1);
  }, 120_000);
});
