// The leads table, its API and the exports through the leads index (issue 20): pages, cursors, filters, search and
// totals answer from the index (the site's conversations are never listed for them), one row per person, and the
// exports stream every selected row.
import { afterEach, describe, expect, it, vi } from "vitest";
import { leadCard } from "../../server/conversation/lead-card.ts";
import type { Conversation } from "../../server/store/types.ts";
import { sortLeads } from "../../shared/leads/query.ts";
import type { LeadRow } from "../../shared/protocol/index.ts";
import { appOnRedis, type Harness } from "../support/app.ts";
import { lead } from "../support/store-contract.ts";

describe("leads through the index (Redis)", () => {
  const app = appOnRedis();
  afterEach(() => vi.restoreAllMocks());

  // 60 leads over 30 ms (two per ms: ties), every third hot, every fifth named "Quinn"; two share a person.
  async function seed(h: Harness): Promise<Conversation[]> {
    const made: Conversation[] = [];
    for (let i = 0; i < 60; i++) {
      const c = lead(`L${String(i).padStart(2, "0")}`, 1000 + Math.floor(i / 2), {
        tier: i % 3 === 0 ? "hot" : "cold",
        ...(i % 5 === 0 ? { name: `Quinn ${i}` } : {}),
        ...(i === 7 || i === 50 ? { email: "same@person.io" } : {}),
        site: h.siteKey,
      });
      made.push(await h.store.createConversation(c));
    }
    return made;
  }

  async function get<T>(h: Harness, token: string, path: string): Promise<T> {
    const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  }

  // Newest first by (createdAt, id), as the index orders them.
  const newestFirst = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
    b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1);

  it("pages by cursor and by number through filters and search, with exact totals, one row per person", async () => {
    const h = app();
    const made = await seed(h);
    const { token } = await h.login();
    // Not one list of the site's conversations is read for any of what follows.
    const listed = vi.spyOn(h.store, "listConversations");
    // L07 and L50 are one person: their row is L50, the newer.
    const rows = made.filter((c) => c.id !== "L07").sort(newestFirst);
    const expectPages = async (filter: string, want: Conversation[]) => {
      const seen: string[] = [];
      let cursor = "";
      for (let i = 0; i < 30; i++) {
        type Page = { leads: LeadRow[]; total: number; next?: string };
        const page = await get<Page>(h, token, `/api/leads?site=${h.siteKey}&pageSize=7${filter}${cursor}`);
        expect(page.total, filter).toBe(want.length);
        seen.push(...page.leads.map((l) => l.conversationId));
        if (!page.next) break;
        cursor = `&cursor=${page.next}`;
      }
      expect(seen, filter).toEqual(want.map((c) => c.id));
    };
    await expectPages("", rows);
    await expectPages(
      "&tier=hot",
      rows.filter((c) => c.engine.qualification.tier === "hot"),
    );
    await expectPages(
      "&q=quinn",
      rows.filter((c) => Number(c.id.slice(1)) % 5 === 0),
    );
    await expectPages(
      "&q=quinn&tier=hot",
      rows.filter((c) => Number(c.id.slice(1)) % 15 === 0),
    );
    await expectPages(
      "&q=same%40person",
      rows.filter((c) => c.id === "L50"),
    );
    // A numbered page is the same rows as the cursor's.
    type Numbered = { leads: LeadRow[]; total: number; page: number };
    const third = await get<Numbered>(h, token, `/api/leads?site=${h.siteKey}&pageSize=7&page=3`);
    expect(third.leads.map((l) => l.conversationId)).toEqual(rows.slice(14, 21).map((c) => c.id));
    const person = await get<Numbered>(h, token, `/api/leads?site=${h.siteKey}&q=same`);
    expect(person.leads[0]).toMatchObject({ conversationId: "L50", conversations: 2, conversationIds: ["L07", "L50"] });
    // Every site at once: the same rows, merged in one order.
    const all = await get<Numbered>(h, token, "/api/leads?pageSize=100");
    expect(all.leads.map((l) => l.conversationId)).toEqual(rows.map((c) => c.id));
    expect(listed).not.toHaveBeenCalled();
  });

  it("streams both exports of every selected row, in the table's order, without listing the site", async () => {
    const h = app();
    const made = await seed(h);
    const { token } = await h.login();
    const listed = vi.spyOn(h.store, "listConversations");
    const hot = made.filter((c) => c.id !== "L07" && c.engine.qualification.tier === "hot").sort(newestFirst);
    const auth = { headers: { authorization: `Bearer ${token}` } };
    const csv = await fetch(`${h.url}/api/leads.csv?site=${h.siteKey}&tier=hot`, auth);
    expect(csv.headers.get("transfer-encoding")).toBe("chunked");
    const lines = (await csv.text()).split("\r\n").filter((l) => l);
    expect(lines).toHaveLength(hot.length + 1);
    const json = await fetch(`${h.url}/api/leads.json?site=${h.siteKey}&tier=hot`, auth);
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await json.json()) as { leads: LeadRow[] };
    expect(body.leads.map((l) => l.conversationId)).toEqual(hot.map((c) => c.id));
    const site = (await (await fetch(`${h.url}/api/sites/${h.siteKey}/leads`, auth)).json()) as { leads: LeadRow[] };
    expect(site.leads).toHaveLength(59);
    expect(listed).not.toHaveBeenCalled();
  });

  it("pages every sort both ways by cursor and by number, ties each once, without listing the site", async () => {
    const h = app();
    const made = await seed(h);
    const { token } = await h.login();
    const listed = vi.spyOn(h.store, "listConversations");
    const site = await h.store.getSite(h.siteKey);
    // The rows (L07 is L50's person), as sortLeads orders their cards: tiers and blank names tie by the dozen.
    const cards = made.filter((c) => c.id !== "L07").map((c) => leadCard(c, site));
    for (const [sort, dir, filter] of [
      ["tier", "desc", ""],
      ["tier", "asc", "&q=quinn"],
      ["name", "asc", ""],
      ["name", "desc", "&tier=hot"],
      ["score", "desc", "&tier=cold"],
      ["created", "asc", ""],
    ] as const) {
      const selected = filter === "&tier=hot" ? cards.filter((c) => c.qualification.tier === "hot") : cards;
      const want = sortLeads(
        filter === "&q=quinn"
          ? selected.filter((c) => Number(c.conversationId.slice(1)) % 5 === 0)
          : filter === "&tier=cold"
            ? selected.filter((c) => c.qualification.tier === "cold")
            : selected,
        sort,
        dir,
      ).map((c) => c.conversationId);
      const path = `/api/leads?site=${h.siteKey}&pageSize=7&sort=${sort}&dir=${dir}${filter}`;
      const seen: string[] = [];
      let cursor = "";
      for (let i = 0; i < 30; i++) {
        type Page = { leads: LeadRow[]; total: number; next?: string };
        const page = await get<Page>(h, token, `${path}${cursor}`);
        expect(page.total, path).toBe(want.length);
        seen.push(...page.leads.map((l) => l.conversationId));
        if (!page.next) break;
        cursor = `&cursor=${page.next}`;
      }
      expect(seen, path).toEqual(want);
      type Numbered = { leads: LeadRow[] };
      const second = await get<Numbered>(h, token, `${path}&page=2`);
      expect(
        second.leads.map((l) => l.conversationId),
        path,
      ).toEqual(want.slice(7, 14));
    }
    // Every site at once, merged in the sort's order; and the export in the table's order.
    const all = await get<{ leads: LeadRow[] }>(h, token, "/api/leads?pageSize=100&sort=name&dir=desc");
    expect(all.leads.map((l) => l.conversationId)).toEqual(
      sortLeads(cards, "name", "desc").map((c) => c.conversationId),
    );
    const auth = { headers: { authorization: `Bearer ${token}` } };
    const json = await fetch(`${h.url}/api/leads.json?site=${h.siteKey}&sort=score&dir=asc`, auth);
    const body = (await json.json()) as { leads: LeadRow[] };
    expect(body.leads.map((l) => l.conversationId)).toEqual(
      sortLeads(cards, "score", "asc").map((c) => c.conversationId),
    );
    // A cursor of another sort, or a forged one, is refused.
    const res = await fetch(`${h.url}/api/leads?site=${h.siteKey}&sort=name&cursor=tier.YWJj`, auth);
    expect(res.status).toBe(400);
    const forged = await fetch(`${h.url}/api/leads?site=${h.siteKey}&sort=name&cursor=name.YWJj`, auth);
    expect(forged.status).toBe(400);
    expect(listed).not.toHaveBeenCalled();
  });
});
