// SPEC.md U2: extractAuthority reads who decides from free text: self-described titles (top titles sure, VP /
// director / head of sure false, manager / team lead influencer sure false), decision phrases, shared decisions,
// someone else's title ("our CEO decides"), negation ("not the decision maker"), end users, "not sure", typos of one
// letter in words of 5+ letters, odd case, punctuation and emoji; null when nothing is said about authority.
import { describe, expect, it } from "vitest";
import {
  type AuthorityLevel,
  type AuthorityValue,
  extractAuthority,
  type UnknownValue,
} from "../../../shared/engine/understand/index.ts";

interface Row {
  text: string;
  want: Partial<AuthorityValue> | UnknownValue | null;
  sure?: boolean;
  // The title belongs to someone else ("our CEO decides"): the visitor gave no title of their own.
  noTitle?: boolean;
}

const level = (l: AuthorityLevel, title?: string): Partial<AuthorityValue> =>
  title === undefined ? { kind: "authority", level: l } : { kind: "authority", level: l, title };
const dm = (title?: string) => level("decision-maker", title);
const shared = level("shared");
const influencer = (title?: string) => level("influencer", title);
const endUser = level("end-user");
const unknown: UnknownValue = { kind: "unknown" };

function check(rows: Row[]) {
  for (const row of rows) {
    it(JSON.stringify(row.text), () => {
      const r = extractAuthority(row.text);
      if (row.want === null) {
        expect(r).toBeNull();
        return;
      }
      expect(r).not.toBeNull();
      expect(r?.value).toMatchObject(row.want);
      if (row.sure !== undefined) expect(r?.sure).toBe(row.sure);
      if (row.noTitle) expect((r?.value as AuthorityValue | undefined)?.title).toBeUndefined();
    });
  }
}

describe("U2 authority", () => {
  describe("U2 self-described top titles: decision-maker, sure", () => {
    check([
      { text: "I'm the CEO", want: dm("CEO"), sure: true },
      { text: "CEO here", want: dm("CEO"), sure: true },
      { text: "I am the CTO", want: dm("CTO"), sure: true },
      { text: "i'm the ceo", want: dm("CEO"), sure: true },
      { text: "CEO", want: dm("CEO"), sure: true },
      { text: "CTO", want: dm("CTO"), sure: true },
      { text: "CFO", want: dm("CFO"), sure: true },
      { text: "COO", want: dm("COO"), sure: true },
      { text: "CMO", want: dm("CMO"), sure: true },
      { text: "  CTO  ", want: dm("CTO"), sure: true },
      { text: "cfo here!!", want: dm("CFO"), sure: true },
      { text: "CEO 👋", want: dm("CEO"), sure: true },
      { text: "I am the founder", want: dm(), sure: true },
      { text: "founder", want: dm(), sure: true },
      { text: "Founder", want: dm(), sure: true },
      { text: "co-founder", want: dm(), sure: true },
      { text: "I'm the co-founder", want: dm(), sure: true },
      { text: "owner", want: dm(), sure: true },
      { text: "I'm the owner", want: dm(), sure: true },
      { text: "I own the company", want: dm(), sure: true },
      { text: "president", want: dm(), sure: true },
      { text: "I'm the president", want: dm(), sure: true },
      { text: "managing director", want: dm(), sure: true },
      { text: "I'm the managing director", want: dm(), sure: true },
      { text: "I'm the founder and CEO", want: dm(), sure: true },
    ]);
  });

  describe("U2 VP, director, head of, I lead: decision-maker, sure false", () => {
    check([
      { text: "VP of Sales", want: dm("VP of Sales"), sure: false },
      { text: "I'm the VP of Sales", want: dm("VP of Sales"), sure: false },
      { text: "I'm a director", want: dm(), sure: false },
      { text: "director", want: dm(), sure: false },
      { text: "I'm the director of marketing", want: dm(), sure: false },
      { text: "head of growth", want: dm(), sure: false },
      { text: "Head of Growth here", want: dm(), sure: false },
      { text: "I'm head of sales", want: dm(), sure: false },
      { text: "I lead marketing", want: dm(), sure: false },
      { text: "I lead engineering", want: dm(), sure: false },
    ]);
  });

  describe("U2 manager, team lead: influencer, sure false", () => {
    check([
      { text: "I'm a manager", want: influencer(), sure: false },
      { text: "manager", want: influencer(), sure: false },
      { text: "I'm the marketing manager", want: influencer(), sure: false },
      { text: "team lead", want: influencer(), sure: false },
      { text: "I'm a team lead", want: influencer(), sure: false },
      { text: "Team Lead here", want: influencer(), sure: false },
    ]);
  });

  describe("U2 decision phrases: decision-maker, sure", () => {
    check([
      { text: "I sign off", want: dm(), sure: true },
      { text: "I decide", want: dm(), sure: true },
      { text: "it's my call", want: dm(), sure: true },
      { text: "my decision", want: dm(), sure: true },
      { text: "just me", want: dm(), sure: true },
      { text: "I make the decision", want: dm(), sure: true },
      { text: "I'm the decision maker", want: dm(), sure: true },
      { text: "I have final say", want: dm(), sure: true },
      { text: "I have the final say", want: dm(), sure: true },
      { text: "It's my call!", want: dm(), sure: true },
      { text: "just me 🙂", want: dm(), sure: true },
      { text: "I'M THE DECISION MAKER", want: dm(), sure: true },
      { text: "I decide.", want: dm(), sure: true },
    ]);
  });

  describe("U2 shared decisions, sure", () => {
    check([
      { text: "we decide together", want: shared, sure: true },
      { text: "We decide together.", want: shared, sure: true },
      { text: "a committee", want: shared, sure: true },
      { text: "a committee 🙄", want: shared, sure: true },
      { text: "the board decides", want: shared, sure: true },
      { text: "THE BOARD DECIDES", want: shared, sure: true },
      { text: "procurement", want: shared, sure: true },
      { text: "me and my cofounder", want: shared, sure: true },
      { text: "shared decision", want: shared, sure: true },
      { text: "joint decision", want: shared, sure: true },
      { text: "it's a joint decision", want: shared, sure: true },
    ]);
  });

  describe("U2 someone else decides, and negation: influencer, sure", () => {
    check([
      { text: "my boss decides", want: influencer(), sure: true },
      { text: "My boss decides!!", want: influencer(), sure: true },
      { text: "I need my CFO's sign-off", want: influencer(), sure: true, noTitle: true },
      { text: "I need my CEO's sign-off", want: influencer(), sure: true, noTitle: true },
      { text: "need approval from my manager", want: influencer(), sure: true },
      { text: "need approval from my director", want: influencer(), sure: true },
      { text: "someone else decides", want: influencer(), sure: true },
      { text: "our CEO decides", want: influencer(), sure: true, noTitle: true },
      { text: "the CEO decides", want: influencer(), sure: true, noTitle: true },
      { text: "our founder decides", want: influencer(), sure: true, noTitle: true },
      { text: "not the decision maker", want: influencer(), sure: true },
      { text: "I'm not the decision maker", want: influencer(), sure: true },
      { text: "I'm not the decision-maker", want: influencer(), sure: true },
      { text: "I don't decide", want: influencer(), sure: true },
      { text: "I do not decide", want: influencer(), sure: true },
      { text: "I don't make the decision", want: influencer(), sure: true },
      { text: "it's not my call", want: influencer(), sure: true },
    ]);
  });

  describe("U2 end users", () => {
    check([
      { text: "end user", want: endUser },
      { text: "end-user", want: endUser },
      { text: "I'm an end user", want: endUser },
      { text: "End user here", want: endUser },
      { text: "I'll just be using it", want: endUser },
      { text: "I'll just be using it 🙂", want: endUser },
      { text: "just a user", want: endUser },
      { text: "I'm just a user", want: endUser },
    ]);
  });

  describe("U2 not sure: unknown", () => {
    check([
      { text: "not sure", want: unknown },
      { text: "don't know", want: unknown },
      { text: "I don't know", want: unknown },
      { text: "Not sure tbh", want: unknown },
    ]);
  });

  describe("U2 typos of one letter in words of 5+ letters", () => {
    check([
      { text: "decison maker", want: dm() },
      { text: "I'm the decison maker", want: dm() },
      { text: "I make the descision", want: dm() },
      { text: "founer", want: dm() },
      { text: "I'm the foudner", want: dm() },
      { text: "I'm the presdent", want: dm() },
      { text: "managing directr", want: dm() },
      { text: "I'm a dirctor", want: dm(), sure: false },
      { text: "I'm a managr", want: influencer(), sure: false },
      { text: "comittee", want: shared },
      { text: "a commitee decides", want: shared },
      { text: "it goes through procurment", want: shared },
      { text: "the baord decides", want: shared },
      { text: "not the decison maker", want: influencer() },
    ]);
  });

  describe("U6 negated authority: influencer, sure", () => {
    check([
      { text: "I'm not involved in purchasing", want: influencer(), sure: true },
      { text: "im not involved in purchasing tbh", want: influencer(), sure: true },
      { text: "I'm not really involved in the purchase", want: influencer(), sure: true },
      { text: "not involved in buying decisions", want: influencer(), sure: true },
      { text: "I don't make decisions", want: influencer(), sure: true },
      { text: "i dont make decisions", want: influencer(), sure: true },
      { text: "I do not make decisions here", want: influencer(), sure: true },
      { text: "I don't make the decisions, my team lead does", want: influencer(), sure: true },
      { text: "not my call", want: influencer(), sure: true },
      { text: "Not my call 🤷", want: influencer(), sure: true },
      { text: "I'm not the one who decides", want: influencer(), sure: true },
      { text: "im not the one who decides lol", want: influencer(), sure: true },
      { text: "I have no say", want: influencer(), sure: true },
      { text: "i have no say in it", want: influencer(), sure: true },
      { text: "I don't get a say", want: influencer(), sure: true },
      { text: "I can't approve purchases", want: influencer(), sure: true },
      { text: "I don't have the authority to buy", want: influencer(), sure: true },
      { text: "it's above my pay grade", want: influencer(), sure: true },
      { text: "not up to me tbh", want: influencer(), sure: true },
      { text: "I'm the CTO but I don't make decisions", want: influencer(), sure: true },
    ]);
  });

  describe("U6 titles are whole titles, never a title and a stray word", () => {
    check([
      { text: "I'm the owner of the company", want: dm("Owner"), sure: true },
      { text: "owner of the business", want: dm("Owner"), sure: true },
      { text: "I'm the owner of a small agency", want: dm("Owner"), sure: true },
      { text: "I'm the owner", want: dm("Owner"), sure: true },
      { text: "I am the founder of Acme", want: dm("Founder"), sure: true },
      { text: "CEO of a 20 person startup", want: dm("CEO"), sure: true },
      { text: "I'm the CEO of the company", want: dm("CEO"), sure: true },
      { text: "co-founder of the startup", want: dm("Co-founder"), sure: true },
      { text: "I'm the managing director of the firm", want: dm("Managing Director"), sure: true },
      { text: "Head of Sales", want: dm("Head of Sales"), sure: false },
      { text: "head of sales here", want: dm("Head of Sales"), sure: false },
      { text: "I'm head of sales and marketing", want: dm("Head of Sales and Marketing"), sure: false },
      { text: "head of growth, budget 40k", want: dm("Head of Growth"), sure: false },
      { text: "vp of sales here", want: dm("VP of Sales"), sure: false },
      { text: "I'm the VP of customer success", want: dm("VP of Customer Success"), sure: false },
      { text: "director of marketing at a saas company", want: dm("Director of Marketing"), sure: false },
      { text: "marketing director", want: dm("Marketing Director"), sure: false },
      { text: "I'm the sales manager", want: influencer("Sales Manager"), sure: false },
    ]);
  });

  describe("U2 nothing about authority: null", () => {
    check([
      { text: "hello", want: null },
      { text: "I like turtles", want: null },
      { text: "", want: null },
      { text: "about 40k", want: null },
      { text: "next month", want: null },
      { text: "Q3", want: null },
      { text: "we need it by March", want: null },
      { text: "what does it cost?", want: null },
    ]);
  });
});
