// Who a lead is (shared/leads/SPEC.md, P1-P6), as tables.
import { describe, expect, it } from "vitest";
import { carriedSales, groupLeads, type PersonFacts, personKey } from "../../shared/leads/person.ts";
import type { LeadCard, Sales } from "../../shared/protocol/index.ts";

const facts = (over: Partial<PersonFacts>): PersonFacts => ({ id: "c1", siteKey: "s", ...over });

describe("P1-P4 person key", () => {
  const cases: [string, PersonFacts, PersonFacts, boolean][] = [
    [
      "P3 the same email, any case, is one person",
      facts({ email: "Ann@X.io" }),
      facts({ id: "c2", email: " ann@x.io" }),
      true,
    ],
    [
      "P1 the same email on another site is another person",
      facts({ email: "a@x.io" }),
      facts({ id: "c2", siteKey: "t", email: "a@x.io" }),
      false,
    ],
    ["P3 different emails are two people", facts({ email: "a@x.io" }), facts({ id: "c2", email: "b@x.io" }), false],
    [
      "P3 an identify() email is the person's email too",
      facts({ email: "a@x.io" }),
      facts({ id: "c2", identity: { email: "A@x.io", verified: false } }),
      true,
    ],
    [
      "P2 the same verified userId is one person, whatever the emails",
      facts({ email: "a@x.io", identity: { userId: "u1", verified: true } }),
      facts({ id: "c2", email: "b@x.io", identity: { userId: "u1", verified: true } }),
      true,
    ],
    [
      "P2 an unverified userId does not merge",
      facts({ identity: { userId: "u1", verified: false } }),
      facts({ id: "c2", identity: { userId: "u1", verified: false } }),
      false,
    ],
    [
      "P2 an unverified userId does not join a verified user's lead",
      facts({ identity: { userId: "u1", verified: true } }),
      facts({ id: "c2", identity: { userId: "u1", verified: false } }),
      false,
    ],
    [
      "P2 a typed email does not join a verified user's lead",
      facts({ email: "a@x.io", identity: { userId: "u1", verified: true } }),
      facts({ id: "c2", email: "a@x.io" }),
      false,
    ],
    ["P4 nobody known: each conversation is its own lead", facts({}), facts({ id: "c2" }), false],
  ];
  it.each(cases)("%s", (_name, a, b, same) => {
    expect(personKey(a) === personKey(b)).toBe(same);
  });
});

const card = (id: string, createdAt: number, over: Partial<LeadCard> = {}): LeadCard => ({
  conversationId: id,
  siteKey: "s",
  siteName: "S",
  status: "closed",
  qualification: { score: 0, tier: "cold", stage: "lead", reasons: [] },
  answers: [],
  pageTrail: [],
  createdAt,
  ...over,
});

describe("P5 one row per person", () => {
  it("P5 the newest conversation's card, with every conversation oldest first, newest person first", () => {
    const rows = groupLeads([
      card("c3", 30, { email: "a@x.io" }),
      card("c2", 20, { email: "b@x.io" }),
      card("c1", 10, { email: "A@x.io" }),
      card("c0", 5),
    ]);
    expect(rows.map((r) => [r.conversationId, r.conversations, r.conversationIds])).toEqual([
      ["c3", 2, ["c1", "c3"]],
      ["c2", 1, ["c2"]],
      ["c0", 1, ["c0"]],
    ]);
  });
});

describe("P6 carried sales", () => {
  const working: Sales = {
    ownerId: "ann",
    ownerName: "Ann",
    status: "working",
    history: [{ status: "working", at: 1, by: "ann" }],
  };
  const cases: [string, Sales | undefined, Sales | undefined, Sales | null][] = [
    ["P6 a new conversation takes the person's", working, undefined, working],
    ["P6 nothing earlier: nothing to carry", undefined, undefined, null],
    ["P6 an untouched earlier lead carries nothing", { status: "new", history: [] }, undefined, null],
    ["P6 already carried: no write", working, { ...working, carriedFrom: "c1" }, null],
    [
      "P6 this conversation's own status change is the newer word",
      working,
      { status: "won", history: [{ status: "won", at: 2, by: "bob" }] },
      null,
    ],
    [
      "P6 the person's owner wins over the accepting rep's",
      working,
      { ownerId: "bob", status: "new", history: [] },
      working,
    ],
    [
      "P6 the accepting rep stays owner when the person had none",
      { status: "working", history: [{ status: "working", at: 1, by: "u" }] },
      { ownerId: "bob", ownerName: "Bob", status: "new", history: [] },
      { ownerId: "bob", ownerName: "Bob", status: "working", history: [{ status: "working", at: 1, by: "u" }] },
    ],
  ];
  it.each(cases)("%s", (_name, person, own, expected) => {
    expect(carriedSales(person, own, "c1")).toEqual(expected && { ...expected, carriedFrom: "c1" });
  });
});
