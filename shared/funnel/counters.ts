// The funnel from counters (rules F26-F34 in SPEC.md): what one conversation adds to its creation day's counters and
// its month's rollup and chart, and the report read back from a range of them. The store keeps, per conversation,
// what it last added, and moves each hash by the difference in the same atomic step as each write, so a report over
// a year reads 12 months, the edges' days and the months' charts, not every conversation. Pure: the store passes
// the conversation and its pinned playbook.
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
import { addDays, dayMs, isoDay, parseDay } from "./range.ts";
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

// F34: the hashes a conversation's counts go to, each named as the store's key ends: its day ("2026-11-20"), its
// month's rollup ("2026-11": the same fields, summed over the month's days) and its month's chart ("chart:2026-11":
// only what the daily chart draws, per day and every source together). Days and months share a field format, so a
// range's totals read whole months and the days at its edges.
export const monthOf = (day: string) => day.slice(0, 7);
export const chartName = (month: string) => `chart:${month}`;
export function counterHashes(day: string): string[] {
  return [day, monthOf(day), chartName(monthOf(day))];
}

// F31, F34: when each of those expires: a month's rollup and chart go the retention after the month's last day.
export function counterExpiries(day: string, retentionSeconds: number): number[] {
  const [y, m] = monthOf(day).split("-").map(Number);
  const last = isoDay(Date.UTC(y ?? 0, m ?? 1, 0));
  const month = counterExpiry(last, retentionSeconds);
  return [counterExpiry(day, retentionSeconds), month, month];
}

// F34: the chart's fields of one day's counters: "<day>:tier:<tier>" and "<day>:sp:<class>:<n>", every source and
// rep together (a chart filtered by source reads the days themselves).
export function chartFields(day: string, counters: Counters): Counters {
  const out: Counters = {};
  for (const [f, n] of Object.entries(counters)) {
    const { kind, args } = parse(f);
    const g =
      kind === "tier" ? field(day, "tier", args[0] ?? "") : kind === "sp" ? field(day, "sp", ...args.slice(1)) : null;
    if (g !== null) out[g] = (out[g] ?? 0) + n;
  }
  return out;
}

// F27, F34: what one conversation adds to each of counterHashes(its day), in that order.
export function hashContributions(c: CountedConversation, pinned: Playbook | undefined): Counters[] {
  const own = contributions(c, pinned);
  return [own, own, chartFields(counterDay(c), own)];
}

// F34: the hashes a report over from..to reads (both whole UTC days, from <= to): `totals`, whose signed sum is the
// range's counters (whole months from their rollups; a partial month from its days, or, when fewer of its days are
// outside the range than in it, from its rollup less the days outside: `minus`), and `chart`, each day's chart
// fields: the months' charts, or with a source filter (F14) the days themselves, as the chart knows no source.
export function rangeHashes(
  from: string,
  to: string,
  source?: string,
): { totals: string[]; minus: string[]; chart: string[] } {
  const totals: string[] = [];
  const minus: string[] = [];
  const chart: string[] = [];
  const nextMonth = (first: string) => `${monthOf(addDays(first, 32))}-01`;
  for (let first = `${monthOf(from)}-01`; first <= to; first = nextMonth(first)) {
    const month = monthOf(first);
    const last = addDays(nextMonth(first), -1);
    const inside = daysBetween(from > first ? from : first, to < last ? to : last);
    const outside = [
      ...daysBetween(first, addDays(inside[0] ?? first, -1)),
      ...daysBetween(addDays(inside.at(-1) ?? last, 1), last),
    ];
    if (outside.length < inside.length) {
      totals.push(month);
      minus.push(...outside);
    } else totals.push(...inside);
    if (!source) chart.push(chartName(month));
  }
  if (source) chart.push(...daysBetween(from, to));
  return { totals, minus, chart };
}

function daysBetween(from: string, to: string): string[] {
  const all: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) all.push(d);
  return all;
}

// F34: one day's chart fields out of the hashes rangeHashes named for the chart: "<day>:" fields of a month's chart,
// or a day's own counters of the chosen source.
export function chartDays(
  days: readonly string[],
  hashes: readonly Counters[],
  source: string | undefined,
): Map<string, Counters> {
  const out = new Map<string, Counters>(days.map((d) => [d, {}]));
  for (const h of hashes) {
    for (const f in h) {
      const n = h[f] ?? 0;
      const p = parse(f);
      if (source === undefined) {
        const day = out.get(p.src);
        if (day) day[p.key] = (day[p.key] ?? 0) + n;
      }
    }
  }
  if (source !== undefined) {
    hashes.forEach((h, i) => {
      const day = days[i] ?? "";
      const target = out.get(day);
      if (!target) return;
      const own: Counters = {};
      for (const f in h) if (parse(f).src === source) own[f] = h[f] ?? 0;
      for (const [f, n] of Object.entries(chartFields(day, own))) {
        const key = parse(f).key;
        target[key] = (target[key] ?? 0) + n;
      }
    });
  }
  return out;
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

// A group that nets to nothing (seen only in the days a partial month takes off its rollup, F34) has no row.
function isEmpty(t: SpeedTally): boolean {
  const none = (m: Map<number, number>) => [...m.values()].every((n) => n === 0);
  return t.early === 0 && t.late === 0 && none(t.ok) && none(t.lateh) && none(t.waiting);
}

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
  // Hashes whose sum, less the sum of `minus`, is the range's counters (F34: rollups of months, days): the totals.
  totals: readonly Counters[];
  minus?: readonly Counters[];
  // The range's days, first to last, each with its chart fields ("tier:<tier>", "sp:<class>:<n>", chartDays()).
  days: readonly { day: string; chart: Counters }[];
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

  // The same field names recur in every hash: each is parsed once per report, and its sums kept in one place.
  const parsed = new Map<string, Parsed>();
  const parsedOf = (f: string) => {
    let p = parsed.get(f);
    if (!p) {
      p = parse(f);
      parsed.set(f, p);
    }
    return p;
  };
  const signed = [
    ...input.totals.map((counters) => ({ counters, sign: 1 })),
    ...(input.minus ?? []).map((counters) => ({ counters, sign: -1 })),
  ];
  for (const { counters, sign } of signed) {
    for (const f in counters) {
      const n = sign * (counters[f] ?? 0);
      const p = parsedOf(f);
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
      if (kind === "sp") {
        const [rep = "", what = ""] = args;
        addSpeed(speedAll, what, p.num, n);
        if (rep !== "") addSpeed(entry(speedByRep, rep, tally), what, p.num, n);
        addSpeed(entry(speedBySource, src, tally), what, p.num, n);
      } else if (kind === "rate") {
        bump(
          entry(ratings, args[0] ?? "", () => new Map<number, number>()),
          p.num,
          n,
        );
      } else if (kind !== "tier") counts.set(p.key, (counts.get(p.key) ?? 0) + n);
    }
  }
  // F19-F21 from each day's chart fields (F34): "tier:<tier>", "sp:<class>:<n>".
  for (const { day, chart } of input.days) {
    const leads: Record<Tier, number> = { hot: 0, warm: 0, cold: 0 };
    const daySpeed = tally();
    for (const f in chart) {
      const n = chart[f] ?? 0;
      const [kind, what = "", arg = "0"] = f.split(":");
      if (kind === "tier") leads[what as Tier] += n;
      else if (kind === "sp") addSpeed(daySpeed, what, Number(arg), n);
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
      .filter(([, t]) => !isEmpty(t))
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
    triggers: triggerRows(
      input.triggers,
      input.teasers,
      new Map([...triggered].filter(([, t]) => t.conversations !== 0 || t.qualified !== 0)),
    ),
  };
}
