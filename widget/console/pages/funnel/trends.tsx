// The range day by day (shared/funnel/SPEC.md F19-F21): leads per day by tier, how fast reps took the leads that
// asked for a person, and the share they took within the site's target, so an owner sees which way things go.
import { useMemo } from "preact/hooks";
import type { FunnelReport } from "../../../../shared/protocol/index.ts";
import { tierLabel } from "../../lead/labels.ts";
import { duration, percent } from "./format.ts";
import { dayLabel, TrendChart } from "./trend-chart.tsx";

const second = 1000;
const minute = 60 * second;
// Tick steps: whole leads; round times (never "1 min 40 s" on an axis); tenths of a share.
const counts = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
const times = [1, 2, 5, 10, 15, 30]
  .map((s) => s * second)
  .concat([1, 2, 5, 10, 15, 30, 60, 120].map((m) => m * minute));
const hour = 60 * minute;
// The axis's times, short (the legend and the table say them in full): "30 s", "1.5 min", "2 h".
const tick = (ms: number) =>
  ms === 0
    ? "0"
    : ms < minute
      ? `${ms / second} s`
      : ms < hour
        ? `${+(ms / minute).toFixed(1)} min`
        : `${+(ms / hour).toFixed(1)} h`;

function charts(report: FunnelReport) {
  const { daily } = report;
  const all = report.speedToLead.all;
  const days = daily.map((d) => d.day);
  const day = (d: (typeof daily)[number]) => ({ key: d.day, label: <time dateTime={d.day}>{dayLabel(d.day)}</time> });
  const leads = daily.reduce((n, d) => n + d.leads.hot + d.leads.warm + d.leads.cold, 0);
  const asked = daily.reduce((n, d) => n + d.speed.asked, 0);
  const accepted = daily.some((d) => d.speed.median !== null);
  const noAsk = "No lead asked for a person in this range.";
  const time = (ms: number | null) => (ms === null ? "–" : duration(ms));
  return [
    {
      id: "funnel-leads-daily",
      title: "Leads per day",
      description: "Conversations started each day, by tier.",
      days,
      stacked: true,
      series: (["hot", "warm", "cold"] as const).map((tier) => ({
        label: tierLabel[tier],
        colour: `--tier-${tier}`,
        values: daily.map((d) => d.leads[tier]),
        total: daily.reduce((n, d) => n + d.leads[tier], 0),
      })),
      y: { format: String, incrs: counts },
      empty: leads === 0 ? "No leads in this range." : null,
      table: {
        caption: "Leads per day by tier",
        head: ["Day", "Hot", "Warm", "Cold", "All leads"],
        rows: daily.map((d) => ({
          ...day(d),
          cells: [d.leads.hot, d.leads.warm, d.leads.cold, d.leads.hot + d.leads.warm + d.leads.cold],
        })),
      },
    },
    {
      id: "funnel-speed-daily",
      title: "Speed to lead per day",
      description: "How long the leads of each day waited from asking for a person to a rep's accept.",
      days,
      series: [
        { label: "Median", colour: "--console-focus", values: daily.map((d) => d.speed.median), total: all.median },
        {
          label: "90th percentile",
          colour: "--console-muted",
          dash: [6, 4],
          values: daily.map((d) => d.speed.p90),
          total: all.p90,
        },
      ],
      y: { format: duration, tick, incrs: times },
      empty: asked === 0 ? noAsk : accepted ? null : "No rep accepted a lead in this range.",
      table: {
        caption: "Time to accept per day",
        head: ["Day", "Asked for a person", "Median", "90th percentile"],
        rows: daily.map((d) => ({ ...day(d), cells: [d.speed.asked, time(d.speed.median), time(d.speed.p90)] })),
      },
    },
    {
      id: "funnel-within-daily",
      title: "Within target per day",
      description: `Of each day's leads that asked for a person, the share a rep accepted within ${duration(report.speedToLead.targetMs)}.`,
      days,
      series: [
        {
          label: "Within target",
          colour: "--console-focus",
          values: daily.map((d) => (d.speed.share === null ? null : d.speed.share * 100)),
          total: all.share === null ? null : all.share * 100,
        },
      ],
      y: { format: (v: number) => `${Math.round(v)}%`, incrs: [10, 20, 25, 50], range: [0, 100] as [number, number] },
      empty: asked === 0 ? noAsk : null,
      table: {
        caption: "Leads within the target per day",
        head: ["Day", "Asked for a person", "Within target", "% within target"],
        rows: daily.map((d) => ({
          ...day(d),
          cells: [d.speed.asked, d.speed.within, percent(d.speed.within, d.speed.asked)],
        })),
      },
    },
  ];
}

export function Trends({ report }: { report: FunnelReport }) {
  // Built once per report: a chart is drawn again only when its figures change.
  const all = useMemo(() => charts(report), [report]);
  return (
    <>
      {all.map((c) => (
        <TrendChart key={c.id} {...c} />
      ))}
    </>
  );
}
