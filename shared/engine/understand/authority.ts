// U2: who decides. Titles count only when the visitor describes themself ("I'm the CEO"); a title after
// my/our/the is someone else ("my CFO's sign-off"), and negation turns a decision maker into an influencer.
import { bare, findPhrase, hasPhrase, longestPhrase, tokens } from "./text.ts";
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
const acronyms = new Set(["ceo", "cto", "cfo", "coo", "cmo", "cro", "cio", "ciso", "cpo", "vp", "svp", "evp"]);

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

// A title the visitor claims for themself: "I'm (the|a|an) X", "I am X", "X here", "as X", or the whole answer.
function selfTitle(words: string[], titles: string[]): string | undefined {
  for (const title of [...titles].sort((a, b) => b.length - a.length)) {
    const t = tokens(title);
    const at = findPhrase(words, t);
    if (at < 0) continue;
    // Self-described: "I'm (the|a) [marketing] manager", "as CTO", "CTO here", or the title opens the answer
    // ("CEO", "The CEO") without a verb after it ("the CEO decides" is someone else).
    let self: boolean | undefined;
    for (let k = at - 1; k >= Math.max(0, at - 4) && self === undefined; k--) {
      const w = words[k] ?? "";
      if (owners.has(w)) self = false;
      else if (selfMarkers.has(w)) self = true;
    }
    const opens = at === 0 || (at === 1 && ["the", "a", "an"].includes(words[0] ?? ""));
    self ??= words[at + t.length] === "here" || (opens && !decisionVerbs.has(words[at + t.length] ?? ""));
    if (!self) continue;
    // "head of growth", "VP of Sales", "director of marketing": keep what follows "of".
    let end = at + t.length;
    if (words[end] === "of" && words[end + 1]) end += 2;
    else if (t.at(-1) === "of" && words[end]) end += 1;
    // The list's spelling for the title itself (typos fixed), the visitor's words for what follows.
    return canonical([...t, ...words.slice(at + t.length, end)]).replace(/^Co Founder$/, "Co-founder");
  }
  return undefined;
}

// "the CFO decides", "our VP signs": a title doing the deciding, not claimed by the visitor.
function someoneElseDecides(words: string[]): boolean {
  for (const title of [...topTitles, ...midTitles]) {
    const t = tokens(title);
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
  if (hasPhrase(words, negated)) return value("influencer", true);
  if (hasPhrase(words, shared)) return value("shared", true);
  // A title that belongs to someone else: "my CFO", "our CEO decides", "the board".
  const other = longestPhrase(
    words,
    [...topTitles, ...midTitles, "cfo's", "boss"].flatMap((t) => [`my ${t}`, `our ${t}`]),
  );
  if (other || hasPhrase(words, someoneElse) || someoneElseDecides(words)) return value("influencer", true);
  if (hasPhrase(words, endUser)) return value("end-user", true);
  if (decidesAlone.has(bare(text)) || hasPhrase(words, decides)) {
    const title = selfTitle(words, topTitles);
    return value("decision-maker", true, title);
  }
  const top = selfTitle(words, topTitles);
  if (top) return value("decision-maker", true, top);
  if (hasPhrase(words, ["i lead", "i run", "i head"])) return value("decision-maker", false);
  const mid = selfTitle(words, midTitles);
  if (mid) return value("decision-maker", false, mid);
  const low = selfTitle(words, lowTitles);
  if (low) return value("influencer", false, low);
  if (hasPhrase(words, unknown)) return { value: { kind: "unknown" }, sure: true };
  return null;
}
