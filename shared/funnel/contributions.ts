// What one conversation write contributes to the funnel's counters (rules F26-F27, F29, F31, F34 in SPEC.md): the
// fields it adds to its creation day's hash, its month's rollup and its month's chart, and how a write moves them
// by the difference. The store keeps, per conversation, what it last added, and applies these in the same atomic
// step as each write. Pure: the store passes the conversation and its pinned playbook. The report read back from
// the sums is from-counters.ts.
import { nextQuestion, type Playbook } from "../engine/index.ts";
import { sourceLabel } from "../leads/source.ts";
import type { StageId } from "../protocol/index.ts";
import { dayMs, isoDay, parseDay } from "./range.ts";
import type { RatedConversation } from "./satisfaction.ts";
import type { SpeedConversation } from "./speed.ts";

// Everything the counters read of a stored conversation.
export type CountedConversation = SpeedConversation & RatedConversation & { trigger?: string };

// Field -> count. A field names its source first (F14's filter), then what it counts; each part is URI-encoded so
// that ":" only ever separates parts, whatever a source label or an id holds.
export type Counters = Record<string, number>;

export const stageIds: StageId[] = ["opened", "answered", "completed", "mql", "sql", "offered", "accepted", "outcome"];
export const stageLabels: Record<StageId, string> = {
  opened: "Opened the chat",
  answered: "Answered a first question",
  completed: "Completed the questions",
  mql: "MQL",
  sql: "SQL",
  offered: "Handoff offered",
  accepted: "Accepted by a rep",
  outcome: "Closed with an outcome",
};

export function field(source: string, ...parts: (string | number)[]): string {
  return [source, ...parts].map((p) => encodeURIComponent(String(p))).join(":");
}

// A field read back: its source, what it counts and the ids; `key` names it without its source (the sums of
// every source), `num` is its number (a bucket, a time, a score) where it ends with one.
export interface Parsed {
  src: string;
  kind: string;
  args: string[];
  key: string;
  num: number;
}

export function parse(f: string): Parsed {
  const [src = "", kind = "", ...args] = f.split(":").map(decodeURIComponent);
  return { src, kind, args, key: [kind, ...args].join(":"), num: Number(args.at(-1) ?? 0) };
}

// F29: a wait's bucket, named by its upper bound in ms. The bounds are round times (every second up to 10 s, then
// 15 s, 20 s, 30 s, 45 s, 1 min, 90 s, 2, 3, 4, 5, 7, 10, 15, 20, 30, 45 min, 1 h, 2, 3, 6, 12, 24 h), whole days
// beyond: few enough that a year of rollups (F34) holds a few buckets per rep, not one per second. A bucket holds
// the waits in (previous bound, upper].
const boundsMs = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 420, 600, 900, 1200, 1800, 2700, 3600,
  7200, 10_800, 21_600, 43_200, 86_400,
].map((s) => s * 1000);

export function waitBucket(ms: number): number {
  if (ms <= 0) return 0;
  for (const b of boundsMs) if (ms <= b) return b;
  return Math.ceil(ms / dayMs) * dayMs;
}

export function bucketWidth(upper: number): number {
  if (upper <= 0) return 0;
  const i = boundsMs.indexOf(upper);
  return i === -1 ? dayMs : upper - (boundsMs[i - 1] ?? 0);
}

// F26: the day whose counters a conversation moves, for as long as it lives.
export const counterDay = (c: { createdAt: number }) => isoDay(c.createdAt);

// F27: what one conversation adds to its day (`own`) and to its day's cross hash (`cross`, F35: its speed-to-lead
// class and rating by source and rep together, read only for a report filtered by source). `pinned`: the playbook
// version it ran (F3); when that version cannot be found, a conversation whose bot finished counts as having
// completed the questions.
function counted(c: CountedConversation, pinned: Playbook | undefined): { own: Counters; cross: Counters } {
  const source = sourceLabel(c.source);
  const out: Counters = {};
  const cross: Counters = {};
  const put = (into: Counters, src: string, parts: (string | number)[]) => {
    const f = field(src, ...parts);
    into[f] = (into[f] ?? 0) + 1;
  };
  const add = (...parts: (string | number)[]) => put(out, source, parts);
  // F35: by source ("sps", "rts"), by rep over every source (source "": "spr", "rtr"), and both (the cross hash).
  const bySourceAndRep = (bySource: string, byRep: string, both: string, rep: string, rest: (string | number)[]) => {
    add(bySource, ...rest);
    if (rep === "") return;
    put(out, "", [byRep, rep, ...rest]);
    put(cross, source, [both, rep, ...rest]);
  };
  const e = c.engine;
  const { stage, tier } = e.qualification;
  const qualified = stage === "mql" || stage === "sql";
  const accepted = c.acceptedAt !== undefined || c.repId !== undefined;
  // F1-F9, narrowed: each stage only while every earlier one holds.
  const tests: boolean[] = [
    true,
    Object.keys(e.slots).length > 0,
    e.outcome !== null && (pinned === undefined || nextQuestion(pinned, e) === undefined),
    qualified,
    stage === "sql",
    c.queuedAt !== undefined,
    accepted,
    c.outcome !== undefined,
  ];
  for (const [i, id] of stageIds.entries()) {
    if (!tests[i]) break;
    add("st", id);
  }
  if (c.queuedAt !== undefined) add("queued");
  if (c.outcome !== undefined) add("out", c.outcome);
  if (c.missedHandoff) add("missed");
  // F13, F20, F25: not narrowed.
  if (qualified) add("mql");
  add("tier", tier);
  if (accepted) add("acc");
  if (c.trigger !== undefined) {
    add("tr", c.trigger);
    if (qualified) add("trq", c.trigger);
  }
  // F10, by question id.
  const answeredIds = new Set(Object.values(e.slots).map((a) => a.questionId));
  const reached = new Set([
    ...answeredIds,
    ...e.skipped,
    ...Object.keys(e.retries).filter((q) => (e.retries[q] ?? 0) > 0),
  ]);
  const open = e.outcome === null && e.asking ? e.asking : undefined;
  if (open) reached.add(open);
  for (const q of reached) add("q", "r", q);
  for (const q of answeredIds) add("q", "a", q);
  if (open) add("q", "d", open);
  // F15, F29: a lead that asked for a person, by rep ("" for none), in the one class its times put it in.
  if (c.queuedAt !== undefined) {
    const speed = (...rest: (string | number)[]) => bySourceAndRep("sps", "spr", "sp", c.repId ?? "", rest);
    const wait = c.acceptedAt === undefined ? undefined : c.acceptedAt - c.queuedAt;
    if (wait !== undefined && c.slaBreachedAt === undefined) {
      if (wait < 0) speed("early");
      else speed("ok", waitBucket(wait));
    } else if (wait !== undefined) {
      if (wait < 0) speed("late");
      else speed("lateh", waitBucket(wait));
    } else if (c.slaBreachedAt !== undefined || c.missedHandoff) speed("late");
    // Still waiting: late or undecided depends on the report's `now`, so the exact time is kept (F30).
    else speed("wait", c.queuedAt);
  }
  // F22
  if (c.rating) bySourceAndRep("rts", "rtr", "rate", c.rating.repId, [c.rating.score]);
  return { own: out, cross };
}

// F27: what one conversation adds to its day's own hash.
export const contributions = (c: CountedConversation, pinned: Playbook | undefined): Counters => counted(c, pinned).own;

// F27: the increments that move a day from `before`'s contributions to `after`'s (a counter that nets to zero is
// left out).
export function increments(before: Counters, after: Counters): Counters {
  const out: Counters = {};
  for (const [f, n] of Object.entries(after)) if (n !== (before[f] ?? 0)) out[f] = n - (before[f] ?? 0);
  for (const [f, n] of Object.entries(before)) if (!(f in after) && n !== 0) out[f] = -n;
  return out;
}

// Adds `delta` to `into`, dropping counters that reach zero (as the store does).
export function applyIncrements(into: Counters, delta: Counters): void {
  for (const [f, n] of Object.entries(delta)) {
    const v = (into[f] ?? 0) + n;
    if (v === 0) delete into[f];
    else into[f] = v;
  }
}

// F31: when a day's counters expire: `retentionSeconds` after the day ends, in Unix seconds (what EXPIREAT takes).
export function counterExpiry(day: string, retentionSeconds: number): number {
  return Math.floor(((parseDay(day) ?? 0) + dayMs) / 1000) + retentionSeconds;
}

// F34, F35: the hashes a conversation's counts go to, each named as the store's key ends: its day ("2026-11-20"), its
// month's rollup ("2026-11": the same fields, summed over the month's days), its month's chart ("chart:2026-11":
// only what the daily chart draws, per day and every source together), and the cross hashes of its day and month
// ("x:2026-11-20", "x:2026-11": speed and ratings by source and rep together). Days and months share a field
// format, so a range's totals read whole months and the days at its edges. New hashes go at the end: the store's
// record of what a conversation added is a list in this order.
export const monthOf = (day: string) => day.slice(0, 7);
export const chartName = (month: string) => `chart:${month}`;
export const crossName = (dayOrMonth: string) => `x:${dayOrMonth}`;
export function counterHashes(day: string): string[] {
  return [day, monthOf(day), chartName(monthOf(day)), crossName(day), crossName(monthOf(day))];
}

// F31, F34: when each of those expires: a month's rollup, chart and cross hash go the retention after the month's
// last day.
export function counterExpiries(day: string, retentionSeconds: number): readonly number[] {
  // Every write asks this for its conversation's day, mostly today's: the last answer is kept (its date
  // arithmetic was 4% of a bot turn's profile).
  if (lastExpiries.day === day && lastExpiries.retentionSeconds === retentionSeconds) return lastExpiries.at;
  const [y, m] = monthOf(day).split("-").map(Number);
  const last = isoDay(Date.UTC(y ?? 0, m ?? 1, 0));
  const month = counterExpiry(last, retentionSeconds);
  const own = counterExpiry(day, retentionSeconds);
  lastExpiries = { day, retentionSeconds, at: Object.freeze([own, month, month, own, month]) };
  return lastExpiries.at;
}
let lastExpiries: { day: string; retentionSeconds: number; at: readonly number[] } = {
  day: "",
  retentionSeconds: 0,
  at: [],
};

// F34: the chart's fields of one day's counters: "<day>:tier:<tier>" and "<day>:sp:<class>:<n>", every source and
// rep together (a chart filtered by source reads the days themselves).
export function chartFields(day: string, counters: Counters): Counters {
  const out: Counters = {};
  for (const [f, n] of Object.entries(counters)) {
    const { kind, args } = parse(f);
    const g = kind === "tier" ? field(day, "tier", args[0] ?? "") : kind === "sps" ? field(day, "sp", ...args) : null;
    if (g !== null) out[g] = (out[g] ?? 0) + n;
  }
  return out;
}

// F27, F34, F35: what one conversation adds to each of counterHashes(its day), in that order.
export function hashContributions(c: CountedConversation, pinned: Playbook | undefined): Counters[] {
  const { own, cross } = counted(c, pinned);
  return [own, own, chartFields(counterDay(c), own), cross, cross];
}
