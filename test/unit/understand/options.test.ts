// SPEC.md U7 (and C2): matchOption names the option a free-text answer means, forgiving word order, word endings
// (stems) and one typo, through the label and the synonyms of the shipped playbooks' choice questions. No match is
// better than a wrong one: a negated option ("I'm not a student") is not named, and two options named equally well
// name none. With { strict: true } (a message that did not answer this question, C2) only a label or synonym of two
// words or more counts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { champPlaybook, defaultPlaybook } from "../../../shared/engine/playbooks/index.ts";
import { matchOption, type Named } from "../../../shared/engine/understand/index.ts";

interface Question {
  id: string;
  options?: Named[];
}
const realEstate = JSON.parse(
  readFileSync(new URL("../../../docs/playbooks/real-estate.json", import.meta.url), "utf8"),
) as { questions: Question[] };

function optionsOf(questions: readonly Question[], id: string): Named[] {
  const options = questions.find((q) => q.id === id)?.options;
  if (!options) throw new Error(`no choice question ${id}`);
  return options;
}

const need = optionsOf(defaultPlaybook.questions, "need");
const challenge = optionsOf(champPlaybook.questions, "challenge");
const intent = optionsOf(realEstate.questions, "intent");
const mortgage = optionsOf(realEstate.questions, "mortgage");

function check(options: Named[], rows: [string, string | null][], strict = false) {
  for (const [text, value] of rows) {
    it(`${JSON.stringify(text)} -> ${value}${strict ? " (strict)" : ""}`, () => {
      const r = matchOption(options, text, strict ? { strict: true } : undefined);
      if (value === null) expect(r).toBeNull();
      else expect(r?.value).toBe(value);
    });
  }
}

describe("U7 matchOption: word order, word endings, synonyms", () => {
  describe("U7 bant.json need: capture", () => {
    check(need, [
      ["We need a better way to qualify our inbound leads", "capture"],
      ["we need a better way to qualify our inbound leads", "capture"],
      ["qualifying leads", "capture"],
      ["we want to qualify leads automatically", "capture"],
      ["lead qualification", "capture"],
      ["leads we lose", "capture"],
      ["we're losing leads on the website", "capture"],
      ["we lose too many leads", "capture"],
      // A typo may change the stem ("loosing" -> "loos") or sit in a word whose stem is too short to forgive one.
      ["we keep loosing leads", "capture"],
      ["we keep losing laeds from the webiste", "capture"],
      ["we keep missing leads", "capture"],
      ["we miss leads after hours", "capture"],
      ["capture more leads", "capture"],
      ["capturing leads from our site", "capture"],
      ["more leads pls", "capture"],
      ["lead gen", "capture"],
      ["better lead generation", "capture"],
      ["convert more visitors", "capture"],
      ["we want more conversions from our website", "capture"],
      ["Capture more leads from our website", "capture"],
      ["capture more leads from the website!!", "capture"],
      ["qualification is manual today", "capture"],
      ["just looking for a way to qualify leads", "capture"],
    ]);
  });

  describe("U7 bant.json need: speed, replace, browsing, not a buyer", () => {
    check(need, [
      ["we want to respond to leads faster", "speed"],
      ["respond to leads faster pls", "speed"],
      ["faster response time", "speed"],
      ["speed to lead", "speed"],
      ["sales is too slow to follow up", "speed"],
      ["route leads to the right rep", "speed"],
      ["routing leads to reps", "speed"],
      ["hand off hot leads to sales", "speed"],
      ["Get leads to sales faster!!", "speed"],
      ["get our leads to the sales team faster", "speed"],
      ["replacing intercom", "replace"],
      ["we want to switch from drift", "replace"],
      ["looking for an alternative to hubspot chat", "replace"],
      ["our current tool sucks", "replace"],
      ["migrating off intercom", "replace"],
      ["just looking around", "browsing"],
      ["just browsing 🙂", "browsing"],
      ["curious", "browsing"],
      ["just checking things out", "browsing"],
      ["exploring options", "browsing"],
      ["No idea, just browsing", "browsing"],
      ["student", "not-buyer"],
      ["I'm a student", "not-buyer"],
      ["job seeker", "not-buyer"],
    ]);
  });

  describe("U7 bant.json need: nothing named, a negated option, or two named equally: null", () => {
    check(need, [
      // "spend" is not "speed": a five-letter word forgives only two swapped neighbours (U).
      ["our SDRs spend hours triaging chat transcripts by hand", null],
      ["I'm not a student", null],
      ["not a student lol, I run a shop", null],
      ["not switching, just adding chat", null],
      ["we don't want to replace anything", null],
      ["hello", null],
      ["what does it cost?", null],
      ["leads", null],
      ["lead", null],
      ["I need a CRM", null],
      ["we lead the market", null],
      ["our website is slow", null],
      ["I'm looking for a chat tool", null],
      ["we sell furniture online", null],
      ["not sure", null],
    ]);
  });

  describe("U7 champ.json challenge", () => {
    check(challenge, [
      ["we miss a lot of leads on our website", "missed-leads"],
      ["nobody answers after hours", "missed-leads"],
      ["leads we lose at night", "missed-leads"],
      ["our response time is terrible", "slow-response"],
      ["sales is too slow", "slow-response"],
      ["too many junk leads", "bad-leads"],
      ["tire kickers everywhere", "bad-leads"],
      ["the leads we get are low quality", "bad-leads"],
      ["leads are unqualified", "bad-leads"],
      ["something else", "other"],
      ["hello", null],
    ]);
  });

  describe("U7 real-estate.json intent and mortgage", () => {
    check(intent, [
      ["looking to buy a house", "buy"],
      ["buying my first home", "buy"],
      ["we're selling our home", "sell"],
      ["want to rent an apartment", "rent"],
      ["renting", "rent"],
      ["I don't want to rent", null],
    ]);
    check(mortgage, [
      ["pre approved already", "approved"],
      ["paying in cash", "cash"],
      ["not yet, working on it", "not-yet"],
      ["not approved yet", "not-yet"],
    ]);
  });

  describe("U7 C2 strict: a message that answered another question names an option only by two words or more", () => {
    check(
      need,
      [
        ["We need a better way to qualify our inbound leads", "capture"],
        ["I'm the CTO and we keep losing leads", "capture"],
        ["speed to lead matters to us, budget 40k", "speed"],
        ["lead gen budget is 40k", "capture"],
        ["our current tool is intercom", "replace"],
        ["Just looking around", "browsing"],
        ["just looking", "browsing"],
        ["we want to switch from intercom, about 20k", null],
        ["faster", null],
        ["student", null],
        ["curious", null],
        ["qualification is manual today", null],
        ["exploring options", null],
        ["no rush, just browsing", null],
        ["I'm not a student", null],
        ["webiste", null],
        ["we get leads to sales by email today", null],
      ],
      true,
    );
  });
});
