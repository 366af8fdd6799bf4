import { describe, expect, it } from "vitest";
import { companyFromEmail, contactOf, isFreeMail, matchesQuery } from "../../shared/leads/contact.ts";
import {
  byActivity,
  countByView,
  cursorOf,
  type Listed,
  pageAfter,
  parseCursor,
  previewText,
} from "../../shared/leads/inbox.ts";

describe("inbox contact", () => {
  it("takes name and company from their slots and the email as given", () => {
    const answers = [
      { slot: "need", answer: "Capture more leads" },
      { slot: "name", answer: " Ana Lima " },
      { slot: "company", answer: "Acme Corp" },
    ];
    expect(contactOf(answers, "ana@acme.io")).toEqual({ name: "Ana Lima", email: "ana@acme.io", company: "Acme Corp" });
  });

  it("guesses the company from a work email only, and says it guessed", () => {
    expect(contactOf([], "bo@Sales.Big.co")).toEqual({
      email: "bo@Sales.Big.co",
      company: "sales.big.co",
      companyGuessed: true,
    });
    expect(contactOf([], "bo@gmail.com")).toEqual({ email: "bo@gmail.com" });
    expect(contactOf([], "bo@yahoo.co.uk")).toEqual({ email: "bo@yahoo.co.uk" });
    expect(contactOf([])).toEqual({});
    expect(companyFromEmail("no-at-sign")).toBeUndefined();
    expect(companyFromEmail("x@localhost")).toBeUndefined();
    expect(isFreeMail("HOTMAIL.FR")).toBe(true);
    expect(isFreeMail("acme.io")).toBe(false);
  });

  it("matches a case-insensitive substring of name, email or company", () => {
    const c = { name: "Ana Lima", email: "ana@acme.io", company: "Acme Corp" };
    expect(matchesQuery(c, "LIMA")).toBe(true);
    expect(matchesQuery(c, "@acme.")).toBe(true);
    expect(matchesQuery(c, "corp")).toBe(true);
    expect(matchesQuery(c, "  ")).toBe(true);
    expect(matchesQuery(c, "globex")).toBe(false);
    expect(matchesQuery({}, "a")).toBe(false);
  });
});

describe("inbox paging", () => {
  const given: Listed[] = [
    { id: "a", status: "bot", updatedAt: 5 },
    { id: "b", status: "live", updatedAt: 9 },
    { id: "c", status: "closed", updatedAt: 5 },
    { id: "d", status: "queued", updatedAt: 1 },
    { id: "e", status: "closed", updatedAt: 7 },
  ];
  const rows = [...given].sort(byActivity);

  it("orders newest activity first with the id breaking ties", () => {
    expect(rows.map((r) => r.id)).toEqual(["b", "e", "c", "a", "d"]);
  });

  it("pages with a cursor, never repeating or skipping a row, and ends without one", () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { page, next } = pageAfter(rows, cursor ? parseCursor(cursor) : null, 2);
      seen.push(...page.map((r) => r.id));
      cursor = next;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(["b", "e", "c", "a", "d"]);
    expect(pages).toBe(3);
    expect(pageAfter(rows, null, 5).next).toBeUndefined();
  });

  it("a cursor survives new rows arriving in front", () => {
    const first = pageAfter(rows, null, 2);
    const grown = [{ id: "z", status: "bot" as const, updatedAt: 99 }, ...rows];
    const second = pageAfter(grown, parseCursor(first.next ?? ""), 2);
    expect(second.page.map((r) => r.id)).toEqual(["c", "a"]);
  });

  it("reads only well-formed cursors", () => {
    expect(parseCursor(cursorOf({ id: "x.y", status: "bot", updatedAt: 12 }))).toEqual({ updatedAt: 12, id: "x.y" });
    expect(parseCursor("nope")).toBeNull();
    expect(parseCursor("12.")).toBeNull();
  });

  it("counts each view", () => {
    expect(countByView(rows)).toEqual({ bot: 1, queued: 1, live: 1, closed: 2 });
  });

  it("shortens a preview to one line, at a word when one is near", () => {
    expect(previewText("hi\n there")).toBe("hi there");
    const long = `${"word ".repeat(30)}end`;
    const p = previewText(long, 40);
    expect(p.length).toBeLessThanOrEqual(40);
    expect(p.endsWith("word…")).toBe(true);
    expect(previewText("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
