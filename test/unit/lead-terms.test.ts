import { describe, expect, it } from "vitest";
import { exactSearch, matchesSearch, queryKeys, searchKeys } from "../../shared/leads/search.ts";
import { filterTerms, rowTerms } from "../../shared/leads/terms.ts";

describe("lead search (the index's rule)", () => {
  const ana = { name: "Ana Lopez", email: "ana.lopez@acme.io", company: "Acme", phone: "+1 (555) 555-0100" };

  it("indexes every word's beginnings and runs of the phone's digits, and matches queries by the same rule", () => {
    const keys = searchKeys(ana);
    for (const k of ["a", "an", "ana", "lop", "lopez", "acme", "io", "555", "5550100", "0100"])
      expect(keys).toContain(k);
    expect(keys).not.toContain("cme");
    for (const q of ["ana", "ANA LOP", "acme.io", "ana@acme", "555 0100", "5550100"]) {
      expect(matchesSearch(ana, q), q).toBe(true);
      // Every key the query looks up is one the contact is filed under: the index finds what the rule matches.
      expect(
        queryKeys(q).every((k) => keys.includes(k)),
        q,
      ).toBe(true);
    }
    for (const q of ["cme", "ana smith", "99"]) expect(matchesSearch(ana, q), q).toBe(false);
    expect(matchesSearch(ana, "  ")).toBe(true);
    expect(exactSearch("ana")).toBe(true);
    expect(exactSearch("x".repeat(25))).toBe(false);
  });

  it("files a row under its values and turns a filter into the terms it needs", () => {
    const facts = { tier: "hot", stage: "sql", salesStatus: "new", source: "google", missed: true, decays: false };
    const terms = rowTerms({ ...facts, contact: { name: "Bo" } });
    expect(terms).toEqual(
      expect.arrayContaining(["all", "tier:hot", "stage:sql", "status:new", "owner:unassigned", "source:google"]),
    );
    expect(terms).toContain("missed");
    expect(terms).toContain("q:bo");
    expect(terms).not.toContain("decays");
    expect(filterTerms({ tier: "hot", owner: "unassigned", q: "Bo X" })).toEqual([
      "all",
      "tier:hot",
      "owner:unassigned",
      "q:bo",
      "q:x",
    ]);
    // Some rows decay: tier and stage are left to the re-check at read.
    expect(filterTerms({ tier: "hot", stage: "mql", status: "won" }, false)).toEqual(["all", "status:won"]);
  });
});
