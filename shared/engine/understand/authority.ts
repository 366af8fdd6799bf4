// U2: who decides. Titles count only when the visitor describes themself ("I'm the CEO"); a title after
// my/our/the is someone else ("my CFO's sign-off"), and negation turns a decision maker into an influencer.
import { bare, contracted, findPhrase, hasPhrase, longestPhrase, tokens } from "./text.ts";
import type { AuthorityLevel, AuthorityValue, Reading, UnknownValue } from "./values.ts";

type Found = Reading<AuthorityValue | UnknownValue>;

const topTitles = [
  "ceo",
  "cto",
  "cfo",
  "coo",
  "cmo",
  "cro",
  "cio",
  "ciso",
  "cpo",
  "founder",
  "co-founder",
  "cofounder",
  "owner",
  "president",
  "managing director",
  "chief executive",
  "chief executive officer",
  "chief technology officer",
  "chief financial officer",
  "chief operating officer",
  "chief marketing officer",
  "chief revenue officer",
  "general manager",
  "managing partner",
  "proprietor",
];
const midTitles = [
  "vp",
  "svp",
  "evp",
  "vice president",
  "director",
  "head of",
  "head",
  "lead marketing",
  "department head",
];
const lowTitles = [
  "manager",
  "team lead",
  "team leader",
  "supervisor",
  "analyst",
  "engineer",
  "developer",
  "specialist",
  "coordinator",
  "consultant",
  "assistant",
  "intern",
  "associate",
];
const owners = new Set(["my", "our", "their", "his", "her", "your"]);
const selfMarkers = new Set(["i'm", "im", "am", "i", "as"]);
const decisionVerbs = new Set([
  "decides",
  "decide",
  "signs",
  "sign",
  "approves",
  "approve",
  "has",
  "makes",
  "will",
  "needs",
  "must",
  "says",
  "owns",
  "handles",
]);
const acronyms = new Set([
  ...["ceo", "cto", "cfo", "coo", "cmo", "cro", "cio", "ciso", "cpo", "vp", "svp", "evp"],
  ...["it", "hr", "cx", "crm", "seo", "ux", "qa"],
]);
// What a VP, director, head or manager is of: "VP of Customer Success", "marketing director". A title keeps only
// these after "of" (or before it), so "owner of the company" is "Owner", never "Owner of The".
const departments = [
  ...["sales", "marketing", "growth", "engineering", "product", "operations", "ops", "finance", "it", "revenue"],
  ...["revops", "hr", "people", "design", "data", "technology", "tech", "strategy", "ecommerce", "digital"],
  ...["support", "procurement", "purchasing", "security", "infrastructure", "content", "brand", "communications"],
  ...["comms", "analytics", "partnerships", "development", "commercial", "acquisition", "lifecycle", "crm", "cx"],
  ...["customer success", "customer experience", "customer support", "customer service", "business development"],
  ...["demand generation", "demand gen", "sales operations", "sales ops", "marketing operations", "inside sales"],
  ...["revenue operations", "account management", "client services", "performance marketing", "social media"],
]
  .map((d) => tokens(d))
  .sort((a, b) => b.length - a.length);

const negated = [
  "not the decision maker",
  "not a decision maker",
  "not the decider",
  "don't decide",
  "dont decide",
  "do not decide",
  "not my call",
  "not my decision",
  "not up to me",
  "can't sign",
  "cannot sign",
  "can not sign",
  "don't sign",
  "not the one who decides",
  "not the one who signs",
  "not in charge",
  "don't make the decision",
  "don't have final say",
  "no authority",
  "not authorized",
  "not involved in purchasing",
  "not involved in buying",
  "not involved in the purchase",
  "not involved in purchases",
  "not involved in the decision",
  "not involved in decisions",
  "not involved in the buying",
  "not involved in procurement",
  "not really involved",
  "not part of the decision",
  "don't make decisions",
  "don't make the decisions",
  "don't make buying decisions",
  "don't make purchasing decisions",
  "don't decide on",
  "no say",
  "don't get a say",
  "don't have a say",
  "don't have the final say",
  "don't have the authority",
  "don't have authority",
  "can't approve",
  "can't decide",
  "above my pay grade",
  "above my paygrade",
  "not the buyer",
  "not in a position to decide",
  "not responsible for purchasing",
];
const someoneElse = [
  "my boss",
  "my manager",
  "my supervisor",
  "my director",
  "my team lead",
  "someone else",
  "somebody else",
  "need approval",
  "needs approval",
  "need sign-off",
  "need sign off",
  "need their approval",
  "approval from",
  "sign-off from",
  "sign off from",
  "get approval",
  "get sign-off",
  "higher up",
  "higher ups",
  "above me",
  "i recommend",
  "i'll recommend",
  "i influence",
  "i make recommendations",
  "researching for",
  "on behalf of",
  "the boss",
  "management decides",
  "leadership decides",
];
const shared = [
  "together",
  "committee",
  "the board",
  "board decides",
  "board approval",
  "procurement",
  "me and my",
  "with my cofounder",
  "with my co-founder",
  "with my partner",
  "shared decision",
  "joint decision",
  "jointly",
  "team decision",
  "we decide",
  "a few of us",
  "stakeholders",
  "group decision",
  "co-decide",
  "share the decision",
  "i share",
  "we all decide",
];
const endUser = [
  "end user",
  "end-user",
  "just a user",
  "just using it",
  "i'll be using it",
  "i'll just be using it",
  "i use it",
  "i'm a user",
  "regular user",
];
const decides = [
  "i sign",
  "i sign off",
  "i decide",
  "i'm the decision maker",
  "i am the decision maker",
  "decision maker",
  "decision-maker",
  "my call",
  "my decision",
  "just me",
  "only me",
  "i make the decision",
  "i make decisions",
  "final say",
  "i have final say",
  "it's up to me",
  "up to me",
  "i own the company",
  "i own the business",
  "i own it",
  "i approve",
  "i hold the budget",
  "i control the budget",
  "i'm the boss",
  "i am the boss",
  "i run the company",
  "i run the business",
  "sole decision",
];
const decidesAlone = new Set(["me", "i do", "myself", "i", "me myself", "yes me", "mine"]);
const unknown = ["not sure", "don't know", "dont know", "no idea", "unsure", "not clear yet"];

// The title's canonical form: acronyms upper case, other words capitalised ("VP of Sales", "Founder").
function canonical(words: string[]): string {
  return words
    .map((w) =>
      acronyms.has(w) ? w.toUpperCase() : w === "of" || w === "and" ? w : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join(" ");
}

interface Titles {
  words: string[][];
  // A VP, director or manager is of a department; a founder, owner or CEO is of a company, which is no title.
  departments: boolean;
}
// Title lists as words, longest first, worked out once.
function titles(list: string[], departments: boolean): Titles {
  return { words: list.map((t) => tokens(t)).sort((a, b) => b.length - a.length), departments };
}
const top = titles(topTitles, false);
const mid = titles(midTitles, true);
const low = titles(lowTitles, true);
const deciders = [...top.words, ...mid.words];
const othersTitles = [...topTitles, ...midTitles, "cfo's", "boss"].flatMap((t) => [`my ${t}`, `our ${t}`]);

// The department's words at `at` ("customer success"), longest first, or none.
function departmentAt(words: string[], at: number): string[] | undefined {
  return departments.find((d) => d.every((w, j) => words[at + j] === w));
}

// The department just before `at` ("marketing director"), or none.
function departmentBefore(words: string[], at: number): string[] | undefined {
  return departments.find((d) => at - d.length >= 0 && d.every((w, j) => words[at - d.length + j] === w));
}

// "of sales", "of sales and marketing": what follows a title, as far as it names departments.
function departmentsAfter(words: string[], at: number): string[] {
  const first = departmentAt(words, at);
  if (!first) return [];
  const more = words[at + first.length] === "and" ? departmentAt(words, at + first.length + 1) : undefined;
  return more ? [...first, "and", ...more] : first;
}

// A title the visitor claims for themself: "I'm (the|a|an) X", "I am X", "X here", "as X", or the whole answer.
function selfTitle(words: string[], list: Titles): string | undefined {
  for (const t of list.words) {
    const at = findPhrase(words, t);
    if (at < 0) continue;
    const before = list.departments ? (departmentBefore(words, at) ?? []) : [];
    const from = at - before.length;
    // Self-described: "I'm (the|a) [marketing] manager", "as CTO", "CTO here", or the title opens the answer
    // ("CEO", "The CEO") without a verb after it ("the CEO decides" is someone else).
    let self: boolean | undefined;
    for (let k = at - 1; k >= Math.max(0, at - 4) && self === undefined; k--) {
      const w = words[k] ?? "";
      if (owners.has(w)) self = false;
      else if (selfMarkers.has(w)) self = true;
    }
    const opens = from === 0 || (from === 1 && ["the", "a", "an"].includes(words[0] ?? ""));
    self ??= words[at + t.length] === "here" || (opens && !decisionVerbs.has(words[at + t.length] ?? ""));
    if (!self) continue;
    // "head of growth", "VP of Sales", "director of marketing": the department said after "of".
    let after: string[] = [];
    if (list.departments) {
      const end = at + t.length;
      if (t.at(-1) === "of") after = departmentsAfter(words, end);
      else if (words[end] === "of") {
        const d = departmentsAfter(words, end + 1);
        if (d.length > 0) after = ["of", ...d];
      }
    }
    const title = t.at(-1) === "of" && after.length === 0 ? t.slice(0, -1) : t;
    // "head" alone names no role; the decision level still counts.
    if (title.length === 1 && title[0] === "head" && before.length === 0 && after.length === 0) return "";
    // The list's spelling for the title itself (typos fixed), the visitor's words for the department.
    return canonical([...before, ...title, ...after]).replace(/^Co Founder$/, "Co-founder");
  }
  return undefined;
}

// "the CFO decides", "our VP signs": a title doing the deciding, not claimed by the visitor.
function someoneElseDecides(words: string[]): boolean {
  for (const t of deciders) {
    const at = findPhrase(words, t);
    if (at < 0 || !decisionVerbs.has(words[at + t.length] ?? "")) continue;
    if (!words.slice(Math.max(0, at - 3), at).some((w) => selfMarkers.has(w))) return true;
  }
  return false;
}

function value(level: AuthorityLevel, sure: boolean, title?: string): Found {
  const v: AuthorityValue = { kind: "authority", level };
  if (title) v.title = title;
  return { value: v, sure };
}

export function extractAuthority(text: string): Found | null {
  const words = tokens(text);
  if (words.length === 0) return null;
  if (hasPhrase(contracted(words), negated)) return value("influencer", true);
  if (hasPhrase(words, shared)) return value("shared", true);
  // A title that belongs to someone else: "my CFO", "our CEO decides", "the board".
  const other = longestPhrase(words, othersTitles);
  if (other || hasPhrase(words, someoneElse) || someoneElseDecides(words)) return value("influencer", true);
  if (hasPhrase(words, endUser)) return value("end-user", true);
  if (decidesAlone.has(bare(text)) || hasPhrase(words, decides)) {
    const title = selfTitle(words, top);
    return value("decision-maker", true, title);
  }
  const topTitle = selfTitle(words, top);
  if (topTitle !== undefined) return value("decision-maker", true, topTitle);
  if (hasPhrase(words, ["i lead", "i run", "i head"])) return value("decision-maker", false);
  const midTitle = selfTitle(words, mid);
  if (midTitle !== undefined) return value("decision-maker", false, midTitle);
  const lowTitle = selfTitle(words, low);
  if (lowTitle !== undefined) return value("influencer", false, lowTitle);
  if (hasPhrase(words, unknown)) return { value: { kind: "unknown" }, sure: true };
  return null;
}
