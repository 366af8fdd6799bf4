// SPEC.md U4: extractEmail (first address, lower-cased), extractPhone (digits with an optional leading +, at least
// 7 digits), detectIntent (human / done / yes / no / null), isCorrection, detectDisqualifier (first rule whose
// phrase appears as a whole phrase, case-insensitive) and matchOption (label or value, label words and synonyms as
// whole words, longest phrase wins, one-letter typos in words of 5+ letters); null when nothing matches.
import { describe, expect, it } from "vitest";
import {
  detectDisqualifier,
  detectIntent,
  extractEmail,
  extractPhone,
  isCorrection,
  matchOption,
} from "../../../shared/engine/understand/index.ts";

type Intent = "human" | "done" | "yes" | "no" | null;

const name = (text: string) => JSON.stringify(text);

describe("U4 contact and intents", () => {
  describe("U4 extractEmail", () => {
    const rows: [string, string | null][] = [
      ["Ana.Lopez@Acme.IO", "ana.lopez@acme.io"],
      ["ana@acme.io", "ana@acme.io"],
      ["my email is ana@acme.io", "ana@acme.io"],
      ["ana@acme.io, thanks!", "ana@acme.io"],
      ["  ANA@ACME.IO  ", "ana@acme.io"],
      ["<ana@acme.io>", "ana@acme.io"],
      ["reach me at bob+sales@example.co.uk.", "bob+sales@example.co.uk"],
      ["ana@acme.io or bob@acme.io", "ana@acme.io"],
      ["email: first.last@sub.domain.com 🙏", "first.last@sub.domain.com"],
      ["ana@acme", null],
      ["@acme.io", null],
      ["no email, sorry", null],
      ["", null],
    ];
    for (const [text, email] of rows) {
      it(`${name(text)} -> ${email}`, () => {
        const r = extractEmail(text);
        if (email === null) expect(r).toBeNull();
        else expect(r?.value).toMatchObject({ kind: "email", email });
      });
    }
  });

  describe("U4 extractPhone", () => {
    const rows: [string, string | null][] = [
      ["+1 (415) 555-0123", "+14155550123"],
      ["415.555.0123", "4155550123"],
      ["415-555-0123", "4155550123"],
      ["my number is 415 555 0123!", "4155550123"],
      ["call me on 07700 900123", "07700900123"],
      ["+44 7700 900123", "+447700900123"],
      ["555-0123", "5550123"],
      ["12345", null],
      ["40k", null],
      ["2026", null],
      ["$40,000", null],
      ["call me", null],
      ["about 40k", null],
      // U6: a European amount is money, not a phone number.
      ["1.500.000 EUR", null],
      ["EUR 1.500.000", null],
      ["budget: 2.500.000 €", null],
    ];
    for (const [text, phone] of rows) {
      it(`${name(text)} -> ${phone}`, () => {
        const r = extractPhone(text);
        if (phone === null) expect(r).toBeNull();
        else expect(r?.value).toMatchObject({ kind: "phone", phone });
      });
    }
  });

  describe("U4 detectIntent", () => {
    const rows: [string, Intent][] = [
      ["can I talk to someone?", "human"],
      ["Can I talk to someone?", "human"],
      ["talk to a human", "human"],
      ["TALK TO A HUMAN!!", "human"],
      ["speak with sales", "human"],
      ["real person please", "human"],
      ["I want an agent", "human"],
      ["get me a rep", "human"],
      ["connect me to a person", "human"],
      ["is there a human?", "human"],
      ["talk to sales", "human"],
      ["that's all", "done"],
      ["bye", "done"],
      ["Bye!", "done"],
      ["goodbye", "done"],
      ["GOODBYE", "done"],
      ["stop", "done"],
      ["not interested", "done"],
      ["I'm done", "done"],
      ["no thanks, bye", "done"],
      ["leave me alone", "done"],
      ["yes", "yes"],
      ["Yes!", "yes"],
      ["yeah", "yes"],
      ["YEAH", "yes"],
      ["yep", "yes"],
      ["correct", "yes"],
      ["that's right", "yes"],
      ["exactly", "yes"],
      ["exactly!", "yes"],
      ["sure", "yes"],
      ["y", "yes"],
      ["👍", "yes"],
      ["no", "no"],
      ["NO", "no"],
      ["nope", "no"],
      ["Nope.", "no"],
      ["not really", "no"],
      ["wrong", "no"],
      ["that's not right", "no"],
      ["n", "no"],
      ["about 40k", null],
      ["I'm the CEO", null],
      ["next month", null],
      ["hello", null],
      ["what's the pricing?", null],
    ];
    for (const [text, intent] of rows) {
      it(`${name(text)} -> ${intent}`, () => {
        expect(detectIntent(text)).toBe(intent);
      });
    }
  });

  describe("U4 isCorrection", () => {
    const rows: [string, boolean][] = [
      ["actually more like 100k", true],
      ["Actually, more like 100k", true],
      ["I meant 50k", true],
      ["I MEANT 50K", true],
      ["correction: I'm the CFO", true],
      ["sorry, I mean next month", true],
      ["make that 30k", true],
      ["wait, it's 20k", true],
      ["about 40k", false],
      ["I'm the CTO", false],
      ["we have 50k", false],
      ["next month", false],
      ["yes", false],
      ["hello", false],
    ];
    for (const [text, correction] of rows) {
      it(`${name(text)} -> ${correction}`, () => {
        expect(isCorrection(text)).toBe(correction);
      });
    }
  });

  describe("U4 detectDisqualifier", () => {
    const rules = [
      { id: "student", reason: "Student", phrases: ["i'm a student", "for a class"] },
      { id: "job", reason: "Job seeker", phrases: ["looking for a job", "internship"] },
    ];
    const rows: [string, string | null][] = [
      ["I'm a student", "student"],
      ["I'M A STUDENT!", "student"],
      ["hi, i'm a student at MIT", "student"],
      ["it's for a class project", "student"],
      ["just looking for a job", "job"],
      ["Looking for a job 🙏", "job"],
      ["any internship openings?", "job"],
      ["I'm a student looking for a job", "student"],
      ["we hire students", null],
      ["we're building it for a classroom", null],
      ["we post jobs on our job board", null],
      ["about 40k", null],
      ["", null],
    ];
    for (const [text, id] of rows) {
      it(`${name(text)} -> ${id}`, () => {
        const r = detectDisqualifier(rules, text);
        if (id === null) expect(r).toBeNull();
        else expect(r).toMatchObject({ id, reason: rules.find((rule) => rule.id === id)?.reason });
      });
    }
  });

  describe("U4 matchOption", () => {
    const options = [
      { value: "web", label: "Website", synonyms: ["site", "page"] },
      { value: "landing", label: "Landing pages", synonyms: ["landing page", "campaign page"] },
      { value: "mobile", label: "Mobile app", synonyms: ["ios", "android"] },
      { value: "crm", label: "CRM sync", synonyms: ["salesforce", "hubspot"] },
    ];
    const rows: [string, string | null][] = [
      ["Website", "web"],
      ["website", "web"],
      ["  WEBSITE!  ", "web"],
      ["Landing pages", "landing"],
      ["mobile app", "mobile"],
      ["crm", "crm"],
      ["on our site", "web"],
      ["our landing page", "landing"],
      ["a campaign page", "landing"],
      ["android and ios", "mobile"],
      ["we use Salesforce", "crm"],
      ["webiste", "web"],
      ["andriod", "mobile"],
      ["saleforce", "crm"],
      ["something else", null],
      ["no idea", null],
      ["an apple watch", null],
      ["", null],
    ];
    for (const [text, value] of rows) {
      it(`${name(text)} -> ${value}`, () => {
        const r = matchOption(options, text);
        if (value === null) expect(r).toBeNull();
        else expect(r).toMatchObject({ value });
      });
    }
  });
});
