import { describe, expect, it } from "vitest";
import { companyFromEmail, contactOf, isFreeMail } from "../../shared/leads/contact.ts";
import {
  activitySelections,
  activityTerms,
  byActivity,
  cursorOf,
  type Listed,
  parseCursor,
  previewText,
  viewTerms,
} from "../../shared/leads/inbox.ts";
import { matchesSearch } from "../../shared/leads/search.ts";

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

  it("searches as the leads table does: each word of the query begins a word of the name, email or company", () => {
    const c = { name: "Ana Lima", email: "ana@acme.io", company: "Acme Corp" };
    expect(matchesSearch(c, "LIMA")).toBe(true);
    expect(matchesSearch(c, "@acme.")).toBe(true);
    expect(matchesSearch(c, "corp ana")).toBe(true);
    expect(matchesSearch(c, "  ")).toBe(true);
    expect(matchesSearch(c, "globex")).toBe(false);
    expect(matchesSearch(c, "cme")).toBe(false);
    expect(matchesSearch({}, "a")).toBe(false);
  });
});

describe("inbox order and index terms", () => {
  const given: Listed[] = [
    { id: "a", updatedAt: 5 },
    { id: "b", updatedAt: 9 },
    { id: "c", updatedAt: 5 },
    { id: "d", updatedAt: 1 },
    { id: "e", updatedAt: 7 },
  ];

  it("orders newest activity first with the id breaking ties, descending as Redis orders equal scores", () => {
    expect([...given].sort(byActivity).map((r) => r.id)).toEqual(["b", "e", "c", "a", "d"]);
  });

  it("reads only well-formed cursors", () => {
    expect(parseCursor(cursorOf({ id: "x.y", updatedAt: 12 }))).toEqual({ updatedAt: 12, id: "x.y" });
    expect(parseCursor("nope")).toBeNull();
    expect(parseCursor("12.")).toBeNull();
  });

  it("files a conversation under all, its view, and its contact's search keys within its view", () => {
    const terms = activityTerms("live", { name: "Bo", email: "bo@x.io" });
    expect(terms.slice(0, 2)).toEqual(["all", "view:live"]);
    expect(terms.slice(2).sort()).toEqual(["q:live:b", "q:live:bo", "q:live:i", "q:live:io", "q:live:x"]);
  });

  it("reads a view's sets, or one selection per view for a search over all of them", () => {
    expect(activitySelections(undefined, "")).toEqual([["all"]]);
    expect(activitySelections(undefined, " ,. ")).toEqual([["all"]]);
    expect(activitySelections("closed", "")).toEqual([["view:closed"]]);
    expect(activitySelections("closed", "Ana acme")).toEqual([["q:closed:ana", "q:closed:acme"]]);
    expect(activitySelections(undefined, "ana")).toEqual([
      ["q:bot:ana"],
      ["q:queued:ana"],
      ["q:live:ana"],
      ["q:closed:ana"],
    ]);
    expect(viewTerms("bot", "")).toEqual(["view:bot"]);
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
