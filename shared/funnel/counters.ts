// The funnel from counters (rules F26-F33 in SPEC.md): what one conversation adds to its creation day's counters,
// and the report read back from a range of days. The store keeps, per conversation, what it last added, and moves
// its day's counters by the difference in the same atomic step as each write, so a report over a year reads 365
// small hashes, not every conversation. Pure: the store passes the conversation and its pinned playbook.
import { nextQuestion, type Playbook } from "../engine/index.ts";
import { sourceLabel } from "../leads/source.ts";
import {
  type Funnel,
  type FunnelDay,
  type FunnelStage,
  outcomes,
  type SatisfactionRow,
  type SourceRow,
  type SpeedFigures,
  type SpeedRow,
  type SpeedToLead,
  type StageId,
  type Tier,
  type TriggerRow,
} from "../protocol/index.ts";
import { dayMs, isoDay, parseDay } from "./range.ts";
import type { RatedConversation } from "./satisfaction.ts";
import type { SpeedConversation } from "./speed.ts";
import { type TriggerCount, triggerRows } from "./triggers.ts";

// Everything the counters read of a stored conversation.
export type CountedConversation = SpeedConversation & RatedConversation & { trigger?: string };

// Field -> count. A field names its source first (F14's filter), then what it counts; each part is URI-encoded so
// that ":" only ever separates parts, whatever a source label or an id holds.
export type Counters = Record<string, number>;

const stageIds: StageId[] = ["opened", "answered", "completed", "mql", "sql", "offered", "accepted", "outcome"];
const stageLabels: Record<StageId, string> = {
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
interface Parsed {
  src: string;
  kind: string;
  args: string[];
  key: string;
  num: number;
}

function parse(f: string): Parsed {
  const [src = "", kind = "", ...args] = f.split(":").map(decodeURIComponent);
  return { src, kind, args, key: [kind, ...args].join(":"), num: Number(args.at(-1) ?? 0) };
}

// F29: a wait's bucket, named by its upper bound in ms: whole seconds up to an hour (every speed-to-lead target is
// at most an hour), whole minutes up to a day, whole hours beyond. A bucket holds the waits in (upper - width, upper].
export function waitBucket(ms: number): number {
  if (ms <= 0) return 0;
  if (ms <= 3_600_000) return Math.ceil(ms / 1000) * 1000;
  if (ms <= dayMs) return Math.ceil(ms / 60_000) * 60_000;
  return Math.ceil(ms / 3_600_000) * 3_600_000;
}

export function bucketWidth(upper: number): number {
  return upper <= 0 ? 0 : upper <= 3_600_000 ? 1000 : upper <= dayMs ? 60_000 : 3_600_000;
}

// F26: the day whose counters a conversation moves, for as long as it lives.
export const counterDay = (c: { createdAt: number }) => isoDay(c.createdAt);

// F27: what one conversation adds to its day. `pinned`: the playbook version it ran (F3); when that version cannot
// be found, a conversation whose bot finished counts as having completed the questions.
export function contributions(c: CountedConversation, pinned: Playbook | undefined): Counters {
  const source = sourceLabel(c.source);
  const out: Counters = {};
  const add = (...parts: (string | number)[]) => {
    const f = field(source, ...parts);
    out[f] = (out[f] ?? 0) + 1;
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
    const rep = c.repId ?? "";
    const wait = c.acceptedAt === undefined ? undefined : c.acceptedAt - c.queuedAt;
    if (wait !== undefined && c.slaBreachedAt === undefined) {
      if (wait < 0) add("sp", rep, "early");
      else add("sp", rep, "ok", waitBucket(wait));
    } else if (wait !== undefined) {
      if (wait < 0) add("sp", rep, "late");
      else add("sp", rep, "lateh", waitBucket(wait));
    } else if (c.slaBreachedAt !== undefined || c.missedHandoff) add("sp", rep, "late");
    // Still waiting: late or undecided depends on the report's `now`, so the exact time is kept (F30).
    else add("sp", rep, "wait", c.queuedAt);
  }
  // F22
  if (c.rating) add("rate", c.rating.repId, c.rating.score);
  return out;
}

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

// What one group of leads (all, one rep's, one source's, one day's) holds for F15's figures.
interface SpeedTally {
  early: number;
  late: number;
  ok: Map<number, number>;
  lateh: Map<number, number>;
  waiting: Map<number, number>;
}

const tally = (): SpeedTally => ({ early: 0, late: 0, ok: new Map(), lateh: new Map(), waiting: new Map() });
const bump = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);
const entry = <V>(m: Map<string, V>, k: string, make: () => V): V => {
  const found = m.get(k);
  if (found !== undefined) return found;
  const made = make();
  m.set(k, made);
  return made;
};

function addSpeed(t: SpeedTally, kind: string, arg: number, n: number) {
  if (kind === "early") t.early += n;
  else if (kind === "late") t.late += n;
  else if (kind === "ok") bump(t.ok, arg, n);
  else if (kind === "lateh") bump(t.lateh, arg, n);
  else if (kind === "wait") bump(t.waiting, arg, n);
}

// F11, F29: nearest rank over a histogram: the bucket (its upper bound) holding the value at rank ceil(p/100 * n).
function rankOf(hist: Map<number, number>, p: number): number | null {
  const buckets = [...hist.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [upper, n] of buckets) {
    seen += n;
    if (seen >= rank) return upper;
  }
  return null;
}

function waitsOf(t: SpeedTally): Map<number, number> {
  const all = new Map(t.ok);
  for (const [b, n] of t.lateh) bump(all, b, n);
  return all;
}

// F15 (F29, F30): within the target when accepted in time; late past it; a lead still waiting is late once `now`
// is past its target, else undecided.
function speedOf(t: SpeedTally, targetMs: number, now: number): SpeedFigures {
  let within = t.early;
  let late = t.late;
  for (const [b, n] of t.ok) {
    if (b <= targetMs) within += n;
    else late += n;
  }
  for (const n of t.lateh.values()) late += n;
  for (const [queuedAt, n] of t.waiting) if (now - queuedAt > targetMs) late += n;
  const asked = within + late;
  const waits = waitsOf(t);
  return {
    asked,
    within,
    share: asked === 0 ? null : within / asked,
    median: rankOf(waits, 50),
    p90: rankOf(waits, 90),
  };
}

export interface CounterReportInput {
  // The range's days, first to last, each with its counters.
  days: readonly { day: string; counters: Counters }[];
  // The site's current playbook: the question rows, in its order (F10).
  playbook: Playbook;
  targetMs: number;
  now: number;
  // F14: a source label, lower case; absent: every source.
  source?: string;
  // F32: a rep's name by user id (unknown ids: "A rep" for speed, "A former teammate" for ratings).
  names: (userId: string) => string | undefined;
  // F24: the site's triggers and the teasers' counts of the range.
  triggers: readonly { id: string; name: string }[];
  teasers: readonly TriggerCount[];
}

export interface CounterReport {
  funnel: Funnel;
  bySource: SourceRow[];
  speedToLead: SpeedToLead;
  satisfaction: { all: SatisfactionRow; byRep: SatisfactionRow[] };
  daily: FunnelDay[];
  triggers: TriggerRow[];
}

// The report's figures from the range's day counters (F28): the same as funnel(), bySource(), speedToLead(),
// satisfaction(), daily() and byTrigger() over the range's conversations, the times from buckets (F29).
export function reportFromCounters(input: CounterReportInput): CounterReport {
  const { playbook, targetMs, now, source, names } = input;
  const counts = new Map<string, number>();
  const sources = new Map<string, SourceRow>();
  const speedAll = tally();
  const speedByRep = new Map<string, SpeedTally>();
  const speedBySource = new Map<string, SpeedTally>();
  const ratings = new Map<string, Map<number, number>>();
  const triggered = new Map<string, { conversations: number; qualified: number }>();
  const daily: FunnelDay[] = [];
  const c = (...parts: string[]) => counts.get(parts.join(":")) ?? 0;

  // The same field names recur on every day: each is parsed once per report, and its sums kept in one place.
  const parsed = new Map<string, Parsed>();
  for (const { day, counters } of input.days) {
    const leads: Record<Tier, number> = { hot: 0, warm: 0, cold: 0 };
    const daySpeed = tally();
    for (const f in counters) {
      const n = counters[f] ?? 0;
      let p = parsed.get(f);
      if (!p) {
        p = parse(f);
        parsed.set(f, p);
      }
      const { src, kind, args } = p;
      // F13 and F25 know every source.
      const row = entry(sources, src, () => ({ source: src, leads: 0, qualified: 0, hot: 0, accepted: 0 }));
      if (kind === "st" && args[0] === "opened") row.leads += n;
      else if (kind === "mql") row.qualified += n;
      else if (kind === "tier" && args[0] === "hot") row.hot += n;
      else if (kind === "acc") row.accepted += n;
      else if (kind === "tr" || kind === "trq") {
        const t = entry(triggered, args[0] ?? "", () => ({ conversations: 0, qualified: 0 }));
        if (kind === "tr") t.conversations += n;
        else t.qualified += n;
      }
      if (source !== undefined && src !== source) continue;
      if (kind === "tier") leads[args[0] as Tier] += n;
      else if (kind === "sp") {
        const [rep = "", what = ""] = args;
        addSpeed(daySpeed, what, p.num, n);
        addSpeed(speedAll, what, p.num, n);
        if (rep !== "") addSpeed(entry(speedByRep, rep, tally), what, p.num, n);
        addSpeed(entry(speedBySource, src, tally), what, p.num, n);
      } else if (kind === "rate") {
        bump(
          entry(ratings, args[0] ?? "", () => new Map<number, number>()),
          p.num,
          n,
        );
      } else counts.set(p.key, (counts.get(p.key) ?? 0) + n);
    }
    daily.push({ day, leads, speed: speedOf(daySpeed, targetMs, now) });
  }

  const stages: FunnelStage[] = stageIds.map((id) => ({ id, label: stageLabels[id], count: c("st", id) }));
  const waits = waitsOf(speedAll);
  const sampled = [...waits.values()].reduce((s, n) => s + n, 0);
  const funnel: Funnel = {
    stages,
    handoffsOutsideFunnel: c("queued") - c("st", "offered"),
    questions: playbook.questions.map((q) => ({
      id: q.id,
      label: q.label,
      prompt: q.text,
      reached: c("q", "r", q.id),
      answered: c("q", "a", q.id),
      dropOff: c("q", "d", q.id),
    })),
    timeToAccept:
      sampled === 0 ? null : { median: rankOf(waits, 50) ?? 0, p90: rankOf(waits, 90) ?? 0, count: sampled },
    outcomes: outcomes.map((outcome) => ({ outcome, count: c("out", outcome) })),
    missedHandoffs: c("missed"),
  };

  const speedRows = (groups: Map<string, SpeedTally>, label: (key: string) => string): SpeedRow[] =>
    [...groups.entries()]
      .map(([key, t]) => ({ key, label: label(key), ...speedOf(t, targetMs, now) }))
      .sort((a, b) => b.asked - a.asked || a.label.localeCompare(b.label));

  const ratingRow = (key: string, label: string, byScore: Map<number, number>): SatisfactionRow => {
    let rated = 0;
    let total = 0;
    let satisfied = 0;
    for (const [score, n] of byScore) {
      rated += n;
      total += score * n;
      if (score >= 4) satisfied += n;
    }
    return {
      key,
      label,
      rated,
      satisfied,
      average: rated === 0 ? null : total / rated,
      share: rated === 0 ? null : satisfied / rated,
    };
  };
  const allRatings = new Map<number, number>();
  for (const byScore of ratings.values()) for (const [s, n] of byScore) bump(allRatings, s, n);

  return {
    funnel,
    bySource: [...sources.values()]
      .filter((r) => r.leads > 0)
      .sort((a, b) => b.leads - a.leads || a.source.localeCompare(b.source)),
    speedToLead: {
      targetMs,
      all: { key: "all", label: "All leads", ...speedOf(speedAll, targetMs, now) },
      byRep: speedRows(speedByRep, (rep) => names(rep) ?? "A rep"),
      bySource: speedRows(speedBySource, (s) => s),
    },
    satisfaction: {
      all: ratingRow("all", "All reps", allRatings),
      byRep: [...ratings.entries()]
        .map(([rep, byScore]) => ratingRow(rep, names(rep) ?? "A former teammate", byScore))
        .filter((r) => r.rated > 0)
        .sort((a, b) => b.rated - a.rated || a.label.localeCompare(b.label)),
    },
    daily,
    triggers: triggerRows(input.triggers, input.teasers, triggered),
  };
}
