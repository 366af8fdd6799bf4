// The funnel report read back from counters (rules F28-F30, F34 in SPEC.md): which hashes a range reads (whole
// months from their rollups, the days at its edges, the months' charts), and the figures from their sums, the same
// as funnel(), bySource(), speedToLead(), satisfaction(), daily() and byTrigger() over the range's conversations.
// What each write adds to those hashes is contributions.ts.
import type { Playbook } from "../engine/index.ts";
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
  type Tier,
  type TriggerRow,
} from "../protocol/index.ts";
import {
  type Counters,
  chartFields,
  chartName,
  crossName,
  monthOf,
  type Parsed,
  parse,
  stageIds,
  stageLabels,
} from "./contributions.ts";
import { addDays, daysApart, daysOf } from "./range.ts";
import { satisfactionRow } from "./satisfaction.ts";
import { type TriggerCount, triggerRows } from "./triggers.ts";

// F34: the hashes a report over from..to reads (both whole UTC days, from <= to): `totals`, whose signed sum is the
// range's counters (whole months from their rollups; a partial month from its days, or, when fewer of its days are
// outside the range than in it, from its rollup less the days outside: `minus`), and `chart`, each day's chart
// fields: the months' charts, or with a source filter (F14) the days themselves, as the chart knows no source.
// F35: a report filtered by source also reads the same months' and days' cross hashes (speed and ratings by source
// and rep together); one of every source does not.
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
    const start = from > first ? from : first;
    const end = to < last ? to : last;
    // Counted, not listed: only the shorter side's days are read, and a year has 365 of them.
    const inside = daysApart(start, end) + 1;
    if (daysApart(first, last) + 1 - inside < inside) {
      totals.push(month);
      minus.push(...daysOf(first, addDays(start, -1)), ...daysOf(addDays(end, 1), last));
    } else totals.push(...daysOf(start, end));
    if (!source) chart.push(chartName(month));
  }
  if (source) {
    chart.push(...daysOf(from, to));
    totals.push(...totals.map(crossName));
    minus.push(...minus.map(crossName));
  }
  return { totals, minus, chart };
}

// F34: one day's chart fields out of the hashes rangeHashes named for the chart: "<day>:" fields of a month's chart,
// or a day's own counters of the chosen source.
export function chartDays(
  days: readonly string[],
  hashes: readonly Counters[],
  source: string | undefined,
): Map<string, Counters> {
  const out = new Map<string, Counters>(days.map((d) => [d, {}]));
  if (source === undefined) {
    // A month's chart holds ~20 fields per day: each is cut at its day (ten characters, never encoded) rather than
    // parsed, as its other parts (a tier, a class, a number) are never encoded either.
    for (const h of hashes) {
      for (const f in h) {
        const day = out.get(f.slice(0, 10));
        const key = f.slice(11);
        if (day) day[key] = (day[key] ?? 0) + (h[f] ?? 0);
      }
    }
    return out;
  }
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

// Fields read into the speed, rating and tier figures rather than counted as stages, questions and outcomes.
const notCounts = new Set(["tier", "sps", "spr", "sp", "rts", "rtr", "rate"]);

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
  const allRatings = new Map<number, number>();
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
      // F13 and F25 know every source ("" holds the figures by rep over every source, F35).
      if (src !== "") {
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
      }
      if (source !== undefined && src !== source) continue;
      // F35: by rep from every source's "spr" and "rtr" when the report has every source, else from the chosen
      // source's cross fields ("sp", "rate").
      const byRep = source === undefined ? kind === "spr" || kind === "rtr" : kind === "sp" || kind === "rate";
      if (kind === "sps") {
        const [what = ""] = args;
        addSpeed(speedAll, what, p.num, n);
        addSpeed(entry(speedBySource, src, tally), what, p.num, n);
      } else if (kind === "rts") bump(allRatings, p.num, n);
      else if (byRep && (kind === "spr" || kind === "sp")) {
        const [rep = "", what = ""] = args;
        addSpeed(entry(speedByRep, rep, tally), what, p.num, n);
      } else if (byRep) {
        bump(
          entry(ratings, args[0] ?? "", () => new Map<number, number>()),
          p.num,
          n,
        );
      } else if (!notCounts.has(kind)) counts.set(p.key, (counts.get(p.key) ?? 0) + n);
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
      all: satisfactionRow("all", "All reps", allRatings),
      byRep: [...ratings.entries()]
        .map(([rep, byScore]) => satisfactionRow(rep, names(rep) ?? "A former teammate", byScore))
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
