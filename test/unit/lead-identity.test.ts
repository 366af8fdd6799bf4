// Who a lead is: the host page's identify() claim kept on the conversation (shared/leads/identity.ts), and the
// lead's contact when the bot collected none (shared/leads/contact.ts).
import { describe, expect, it } from "vitest";
import { contactOf } from "../../shared/leads/contact.ts";
import { mergeIdentity } from "../../shared/leads/identity.ts";
import type { VisitorIdentity } from "../../shared/protocol/index.ts";

const verified: VisitorIdentity = { userId: "u-1", email: "ana@acme.io", verified: true };
const claim: VisitorIdentity = { userId: "ceo", email: "ceo@acme.io", verified: false };

describe("identity merge", () => {
  it("stores the first claim, verified or not", () => {
    expect(mergeIdentity(undefined, claim)).toEqual(claim);
    expect(mergeIdentity(undefined, verified)).toEqual(verified);
  });

  it("never lets an unverified claim replace a verified identity", () => {
    expect(mergeIdentity(verified, claim)).toBeNull();
  });

  it("lets a verified identity replace any, and a claim replace a claim", () => {
    const other = { userId: "u-2", verified: true };
    expect(mergeIdentity(verified, other)).toEqual(other);
    expect(mergeIdentity(claim, verified)).toEqual(verified);
    const second = { name: "Bo", verified: false };
    expect(mergeIdentity(claim, second)).toEqual(second);
  });

  it("writes nothing when the claim says the same again", () => {
    expect(mergeIdentity(verified, { ...verified })).toBeNull();
  });
});

describe("contact from identity", () => {
  const answers = [{ slot: "name", answer: "Said Name" }];

  it("prefers what the visitor told the bot", () => {
    expect(contactOf(answers, "said@acme.io", { name: "Page", email: "page@x.io", verified: false })).toEqual({
      name: "Said Name",
      email: "said@acme.io",
      company: "acme.io",
      companyGuessed: true,
    });
  });

  it("takes the identity's name and email when the bot has none, flagged when unverified", () => {
    expect(contactOf([], undefined, { name: "Page", email: "page@x.io", verified: false })).toEqual({
      name: "Page",
      email: "page@x.io",
      company: "x.io",
      companyGuessed: true,
      unverified: true,
    });
    expect(contactOf([], undefined, { email: "ana@gmail.com", verified: true })).toEqual({ email: "ana@gmail.com" });
  });

  it("a userId alone is not a contact", () => {
    expect(contactOf([], undefined, { userId: "u-1", verified: false })).toEqual({});
  });
});
