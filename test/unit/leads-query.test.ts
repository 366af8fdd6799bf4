import { describe, expect, it } from "vitest";
import { apiKeyPrefix, isApiKey, newApiKey } from "../../server/auth/api-keys.ts";
import { newToken } from "../../server/auth/tokens.ts";
import { parseLeadQuery } from "../../server/http/leads-query.ts";
import { compareMembers, isMember, memberRow, sortMember, textKey } from "../../shared/leads/order.ts";
import {
  filterLeads,
  type LeadQuery,
  leadCursor,
  leadsAfter,
  parseLeadCursor,
  queryLeads,
  sortLeads,
  unassigned,
} from "../../shared/leads/query.ts";
import type { LeadCard, SalesStatus, Stage, Tier } from "../../shared/protocol/index.ts";

function lead(
  id: string,
  o: { tier?: Tier; stage?: Stage; score?: number; at?: number; email?: string; site?: string },
) {
  const card: LeadCard = {
    conversationId: id,
    siteKey: o.site ?? "s1",
    siteName: "Site",
    status: "closed",
    qualification: { score: o.score ?? 0, tier: o.tier ?? "cold", stage: o.stage ?? "lead", reasons: [] },
    answers: [],
    pageTrail: [],
    createdAt: o.at ?? 0,
  };
  if (o.email) card.email = o.email;
  return card;
}

const base: LeadQuery = { sort: "created", dir: "desc", page: 1, pageSize: 25 };
const ids = (leads: LeadCard[]) => leads.map((l) => l.conversationId);

describe("leads query", () => {
  const leads = [
    lead("a", { tier: "hot", stage: "sql", score: 90, at: 400, email: "zoe@x.io" }),
    lead("b", { tier: "warm", stage: "mql", score: 40, at: 300, site: "s2" }),
    lead("c", { tier: "hot", stage: "sql", score: 90, at: 200, email: "amy@x.io" }),
    lead("d", { tier: "cold", stage: "disqualified", score: -20, at: 100, email: "bob@x.io" }),
  ];
  const withOutcome = { ...lead("e", { at: 50 }), outcome: "meeting-booked" as const };

  it("filters by site, tier, stage, outcome and a created range (from inclusive, to exclusive)", () => {
    expect(ids(filterLeads(leads, { site: "s2" }))).toEqual(["b"]);
    expect(ids(filterLeads(leads, { tier: "hot" }))).toEqual(["a", "c"]);
    expect(ids(filterLeads(leads, { stage: "disqualified" }))).toEqual(["d"]);
    expect(ids(filterLeads([...leads, withOutcome], { outcome: "meeting-booked" }))).toEqual(["e"]);
    expect(ids(filterLeads(leads, { from: 200, to: 400 }))).toEqual(["b", "c"]);
    expect(ids(filterLeads(leads, { tier: "hot", from: 300 }))).toEqual(["a"]);
    expect(ids(filterLeads(leads, {}))).toEqual(["a", "b", "c", "d"]);
  });

  it("sorts by created, score, tier and email both ways; ties keep their order", () => {
    expect(ids(sortLeads(leads, "created", "asc"))).toEqual(["d", "c", "b", "a"]);
    expect(ids(sortLeads(leads, "score", "desc"))).toEqual(["a", "c", "b", "d"]);
    expect(ids(sortLeads(leads, "score", "asc"))).toEqual(["d", "b", "a", "c"]);
    expect(ids(sortLeads(leads, "tier", "desc"))).toEqual(["a", "c", "b", "d"]);
    expect(ids(sortLeads(leads, "tier", "asc"))).toEqual(["d", "b", "a", "c"]);
    // Leads without an email come last either way.
    expect(ids(sortLeads(leads, "email", "asc"))).toEqual(["c", "d", "a", "b"]);
    expect(ids(sortLeads(leads, "email", "desc"))).toEqual(["a", "d", "c", "b"]);
  });

  it("cuts pages with the total of what the filter selects; page size capped at 100", () => {
    const many = Array.from({ length: 230 }, (_, i) => lead(`l${i}`, { at: i }));
    const first = queryLeads(many, { ...base, pageSize: 100 });
    expect(first).toMatchObject({ total: 230, page: 1, pageSize: 100 });
    expect(first.leads[0]?.conversationId).toBe("l229");
    const last = queryLeads(many, { ...base, page: 3, pageSize: 100 });
    expect(ids(last.leads)).toHaveLength(30);
    expect(last.leads.at(-1)?.conversationId).toBe("l0");
    expect(queryLeads(many, { ...base, pageSize: 1000 }).pageSize).toBe(100);
    expect(queryLeads(many, { ...base, page: 9, pageSize: 100 })).toMatchObject({ leads: [], total: 230, page: 9 });
    expect(queryLeads(leads, { ...base, tier: "hot", pageSize: 1, page: 2 })).toMatchObject({
      total: 2,
      leads: [expect.objectContaining({ conversationId: "c" })],
    });
  });
});

describe("leads query: who the lead is, sales, missed handoffs", () => {
  // Contact facts come from the card as the lead card reads them: the name and company slots, the captured email,
  // the identity, the phone (or the callback number a missed handoff left).
  function person(
    id: string,
    at: number,
    o: {
      name?: string;
      company?: string;
      email?: string;
      phone?: string;
      callback?: string;
      owner?: [string, string];
      status?: SalesStatus;
      missed?: boolean;
      utm?: string;
    },
  ): LeadCard {
    const card = lead(id, { at, ...(o.email ? { email: o.email } : {}) });
    if (o.name) card.answers.push({ slot: "name", label: "Name", answer: o.name, words: o.name });
    if (o.company) card.answers.push({ slot: "company", label: "Company", answer: o.company, words: o.company });
    if (o.phone) card.phone = o.phone;
    if (o.callback) card.callback = { phone: o.callback };
    if (o.owner || o.status) {
      card.sales = { status: o.status ?? "new", history: [] };
      if (o.owner) Object.assign(card.sales, { ownerId: o.owner[0], ownerName: o.owner[1] });
    }
    if (o.missed) card.missedHandoff = true;
    if (o.utm) card.source = { utm: { source: o.utm } };
    return card;
  }
  const leads = [
    person("ana", 500, { name: "Ana Lima", company: "Acme", email: "ana@acme.io", owner: ["u-rita", "Rita"] }),
    person("bo", 400, { email: "bo@globex.com", phone: "+1 (555) 555-0100", status: "working", utm: "google" }),
    person("cy", 300, { name: "cy Park", callback: "020 7946 0018", missed: true, owner: ["u-sam", "Sam"] }),
    person("di", 200, { name: "Di", company: "zeta", status: "won", owner: ["u-rita", "Rita"], missed: true }),
    person("ed", 100, { status: "lost", utm: "Bing" }),
  ];

  it("filters by sales status: a lead sales never touched is new", () => {
    expect(ids(filterLeads(leads, { status: "new" }))).toEqual(["ana", "cy"]);
    expect(ids(filterLeads(leads, { status: "working" }))).toEqual(["bo"]);
    expect(ids(filterLeads(leads, { status: "sql" }))).toEqual([]);
  });

  it("filters by owner, a user id or unassigned", () => {
    expect(ids(filterLeads(leads, { owner: "u-rita" }))).toEqual(["ana", "di"]);
    expect(ids(filterLeads(leads, { owner: unassigned }))).toEqual(["bo", "ed"]);
    expect(ids(filterLeads(leads, { owner: "u-nobody" }))).toEqual([]);
  });

  it("filters missed handoffs (L10: waited for a rep nobody took), with the other filters", () => {
    expect(ids(filterLeads(leads, { missed: true }))).toEqual(["cy", "di"]);
    expect(ids(filterLeads(leads, { missed: false }))).toEqual(ids(leads));
    expect(ids(filterLeads(leads, { missed: true, owner: "u-rita" }))).toEqual(["di"]);
  });

  it("searches name, email and company in any case, and a phone by its digits (the callback's too)", () => {
    expect(ids(filterLeads(leads, { q: "LIMA" }))).toEqual(["ana"]);
    expect(ids(filterLeads(leads, { q: "globex" }))).toEqual(["bo"]);
    expect(ids(filterLeads(leads, { q: "ZETA" }))).toEqual(["di"]);
    // A work email's domain stands in for a company nobody named.
    expect(ids(filterLeads(leads, { q: "acme.io" }))).toEqual(["ana"]);
    expect(ids(filterLeads(leads, { q: "555 0100" }))).toEqual(["bo"]);
    expect(ids(filterLeads(leads, { q: "(020) 7946" }))).toEqual(["cy"]);
    // Two digits are too few to mean a phone number.
    expect(ids(filterLeads(leads, { q: "01" }))).toEqual([]);
    expect(ids(filterLeads(leads, { q: "nobody" }))).toEqual([]);
  });

  it("sorts by name, company, owner, status and source; empty cells last either way", () => {
    // Case does not order names: "cy Park" sits between "Ana" and "Di".
    expect(ids(sortLeads(leads, "name", "asc"))).toEqual(["ana", "cy", "di", "bo", "ed"]);
    expect(ids(sortLeads(leads, "name", "desc"))).toEqual(["di", "cy", "ana", "bo", "ed"]);
    // bo's company is guessed from a work email (globex.com).
    expect(ids(sortLeads(leads, "company", "asc"))).toEqual(["ana", "bo", "di", "cy", "ed"]);
    expect(ids(sortLeads(leads, "owner", "asc"))).toEqual(["ana", "di", "cy", "bo", "ed"]);
    expect(ids(sortLeads(leads, "owner", "desc"))).toEqual(["cy", "ana", "di", "bo", "ed"]);
    // Sales order: new, working, SQL, rejected, won, lost.
    expect(ids(sortLeads(leads, "status", "asc"))).toEqual(["ana", "cy", "bo", "di", "ed"]);
    expect(ids(sortLeads(leads, "source", "asc"))).toEqual(["ed", "ana", "cy", "di", "bo"]);
  });

  it("pages through every lead the filters select, each once", () => {
    const many = Array.from({ length: 57 }, (_, i) =>
      person(`p${i}`, i, i % 3 === 0 ? { missed: true, name: `Lead ${i}` } : { name: `Lead ${i}` }),
    );
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const got = queryLeads(many, { ...base, missed: true, sort: "name", dir: "asc", page, pageSize: 8 });
      expect(got.total).toBe(19);
      seen.push(...ids(got.leads));
    }
    expect(seen).toHaveLength(19);
    expect(new Set(seen).size).toBe(19);
    // Names sort as people read numbers: "Lead 3" before "Lead 12".
    expect(seen.slice(0, 3)).toEqual(["p0", "p3", "p6"]);
  });

  it("reads the new filters from the address; a wrong value names its field", () => {
    const parsed = parseLeadQuery({ status: "won", owner: "unassigned", missed: "1", q: "  acme ", sort: "owner" });
    expect(parsed).toMatchObject({
      ok: true,
      query: { status: "won", owner: "unassigned", missed: true, q: "acme", sort: "owner" },
    });
    expect(parseLeadQuery({ status: "", owner: "", missed: "", q: "" })).toEqual({
      ok: true,
      query: { sort: "created", dir: "desc", page: 1, pageSize: 25 },
    });
    const bad = parseLeadQuery({ status: "maybe", missed: "yes", sort: "phone" });
    expect(bad.ok ? [] : bad.fields.map((f) => f.path).sort()).toEqual(["missed", "sort", "status"]);
  });
});

describe("cursor paging of leads (creation order)", () => {
  // Three leads created in the same ms: the id orders them, so a page boundary among them loses or repeats none.
  const leads = [
    lead("e", { at: 200, tier: "hot" }),
    lead("c", { at: 100 }),
    lead("a", { at: 100 }),
    lead("b", { at: 100 }),
    lead("d", { at: 50, tier: "hot" }),
  ];

  it("walks every lead once in either direction, pages ending at ties included", () => {
    for (const dir of ["desc", "asc"] as const) {
      const seen: string[] = [];
      let cursor: { createdAt: number; id: string } | null = null;
      for (let i = 0; i < 10; i++) {
        const page = leadsAfter(leads, { dir }, cursor, 2);
        expect(page.total).toBe(5);
        seen.push(...ids(page.leads));
        if (!page.next) break;
        cursor = parseLeadCursor(page.next);
      }
      expect(seen).toEqual(dir === "desc" ? ["e", "c", "b", "a", "d"] : ["d", "a", "b", "c", "e"]);
    }
  });

  it("filters as the table does; a cursor names a lead by creation time and id", () => {
    expect(ids(leadsAfter(leads, { dir: "desc", tier: "hot" }, null, 10).leads)).toEqual(["e", "d"]);
    expect(leadsAfter(leads, { dir: "desc" }, null, 5).next).toBeUndefined();
    expect(leadCursor(lead("x-1", { at: 7 }))).toBe("7.x-1");
    expect(parseLeadCursor("7.x-1")).toEqual({ createdAt: 7, id: "x-1" });
    for (const bad of ["", "7", ".x", "7.", "7.a:b", "a.b", `${"9".repeat(17)}.x`]) {
      expect(parseLeadCursor(bad), bad).toBeNull();
    }
  });
});

describe("API keys", () => {
  it("have one shape that no session token has; the shown prefix is short", () => {
    const key = newApiKey();
    expect(isApiKey(key)).toBe(true);
    expect(apiKeyPrefix(key)).toBe(key.slice(0, 9));
    // A session token may start with "bk_" by chance; its length still tells it apart.
    expect(isApiKey(`bk_${newToken().slice(3)}`)).toBe(false);
    expect(isApiKey("bk_short")).toBe(false);
    expect(new Set(Array.from({ length: 50 }, newApiKey)).size).toBe(50);
  });
});

describe("the leads table's sort keys (shared/leads/SPEC.md O1-O3)", () => {
  it("orders text folded: case and accents aside, numbers by value, other characters as one break", () => {
    const names = ["Bo 10", "bo 9", "Émile", "emile", "Zoë", "ana-lopez", "Ana Lopez", "ana", "Anabel", "Ånа😀"];
    const sorted = [...names].sort((a, b) => {
      const [ka, kb] = [textKey(a) ?? "", textKey(b) ?? ""];
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    // "Ana Lopez" and "ana-lopez" tie (same key); the Cyrillic "а" sorts after every Latin letter.
    expect(sorted).toEqual([
      "ana",
      "ana-lopez",
      "Ana Lopez",
      "Anabel",
      "Ånа😀",
      "bo 9",
      "Bo 10",
      "Émile",
      "emile",
      "Zoë",
    ]);
    expect(textKey("Ana Lopez")).toBe(textKey("ana-lopez"));
    expect(textKey("  ")).toBeUndefined();
    expect(textKey("😀")).toBeUndefined();
  });

  it("puts equal keys newest first and empty cells last, either way", () => {
    const at = (key: string | undefined, createdAt: number, id: string) => sortMember(key, createdAt, id);
    const members = [at("b", 1, "x"), at(undefined, 5, "e"), at("a", 1, "y"), at("b", 2, "z"), at("b", 2, "zz")];
    const order = (dir: "asc" | "desc") =>
      [...members].sort((a, b) => compareMembers(a, b, dir)).map((m) => memberRow(m).id);
    expect(order("asc")).toEqual(["y", "zz", "z", "x", "e"]);
    expect(order("desc")).toEqual(["zz", "z", "x", "y", "e"]);
    expect(memberRow(at("k", 1_700_000_000_123, "Ab-_9z"))).toEqual({ id: "Ab-_9z", createdAt: 1_700_000_000_123 });
    expect(isMember(at("k", 1, "id"))).toBe(true);
    expect(isMember("a k 1x~")).toBe(false);
  });
});
