// A figure per day of the range as a uPlot chart, named by its card's heading. The canvas is a picture for sighted
// users only (hidden from screen readers); the same figures are a table under "Show as table". The chart follows
// its card's width, so it fits a phone as well as a desk.
import { useEffect, useRef, useState } from "preact/hooks";
import type uPlot from "uplot";
import { type FigureTableProps, ShowAsTable } from "./figure-table.tsx";
import { loadUplot } from "./load-uplot.ts";

export interface TrendSeries {
  label: string;
  // A custom property of the console's palette ("--tier-hot"): the chart's colours are the CSS's.
  colour: string;
  dash?: number[];
  values: (number | null)[];
  // The whole range's figure, in the legend while no day is pointed at.
  total: number | null;
}

export interface TrendAxis {
  // The legend's values: "3", "1 min 30 s", "80%".
  format(v: number): string;
  // The axis's, when shorter: "1.5 min".
  tick?(v: number): string;
  // Tick steps that read well in this unit (whole leads, round times); uPlot's defaults otherwise.
  incrs?: number[];
  // A fixed range (0-100 for a share); otherwise from 0 to a little above the largest value.
  range?: [number, number];
}

const height = 220;
// Room for the longest tick label, the same on every chart so their days line up down the page.
const yAxisSize = 64;
const daySeconds = 24 * 3600;
const tickDays = [1, 2, 7, 14, 28, 56, 91, 182].map((d) => d * daySeconds);
// The days are UTC days (shared/funnel/SPEC.md F19): the axis and the table name them so, wherever the reader is.
const shortDay = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});
const seconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

export const dayLabel = (day: string) => longDay.format(Date.parse(`${day}T00:00:00Z`));

function options(
  lib: typeof uPlot,
  props: { series: TrendSeries[]; stacked: boolean; y: TrendAxis },
  width: number,
  colour: (name: string) => string,
): uPlot.Options {
  const text = colour("--console-muted");
  const axis = {
    stroke: text,
    font: "12px system-ui, sans-serif",
    grid: { stroke: colour("--console-line"), width: 1 },
  };
  const bars = lib.paths.bars?.({ size: [0.7, 40], gap: 1 });
  return {
    width,
    height,
    // A day is a bar or a point: room for half a day at each end, so the first and last are not cut in half.
    scales: {
      x: { time: true, range: (_u, min, max) => [min - daySeconds / 2, max + daySeconds / 2] },
      y: { range: (_u, _min, max) => props.y.range ?? [0, max > 0 ? max * 1.15 : 1] },
    },
    tzDate: (ts) => lib.tzDate(new Date(ts * 1000), "Etc/UTC"),
    // Pointing at a day shows its figures in the legend; dragging does not zoom (the form chooses the days). A bar
    // needs no dot on it, nor a level line across.
    cursor: { y: false, drag: { x: false, y: false, setScale: false }, points: { show: !props.stacked } },
    legend: { live: true },
    axes: [
      {
        ...axis,
        incrs: tickDays,
        space: 56,
        values: (_u, splits) => splits.map((s) => shortDay.format(s * 1000)),
      },
      {
        ...axis,
        size: yAxisSize,
        ...(props.y.incrs ? { incrs: props.y.incrs } : {}),
        values: (_u, splits) => splits.map(props.y.tick ?? props.y.format),
      },
    ],
    series: [
      { label: "Day", value: (_u, ts) => (ts == null ? "All days" : shortDay.format(ts * 1000)) },
      ...props.series.map((s): uPlot.Series => {
        const c = colour(s.colour);
        // Stacked bars are drawn as running totals, each over the next (see data()); the legend says the day's own.
        const value = (_u: uPlot, _v: number | null, _si: number, idx: number | null) => {
          const v = idx == null ? s.total : s.values[idx];
          return v == null ? "–" : props.y.format(v);
        };
        return props.stacked && bars
          ? { label: s.label, stroke: c, fill: c, width: 0, paths: bars, points: { show: false }, value }
          : {
              label: s.label,
              stroke: c,
              width: 2,
              ...(s.dash ? { dash: s.dash } : {}),
              spanGaps: true,
              points: { show: true, size: 6, fill: c },
              value,
            };
      }),
    ],
  };
}

// Stacked: each series is the sum of itself and every series after it, so drawing them in order (each bar over
// the last) leaves the first series on top of the stack.
function data(days: string[], series: TrendSeries[], stacked: boolean): uPlot.AlignedData {
  const x = days.map(seconds);
  if (!stacked) return [x, ...series.map((s) => s.values)];
  return [x, ...series.map((_, i) => days.map((_d, k) => series.slice(i).reduce((n, s) => n + (s.values[k] ?? 0), 0)))];
}

export function TrendChart(props: {
  id: string;
  title: string;
  description: string;
  days: string[];
  series: TrendSeries[];
  stacked?: boolean;
  y: TrendAxis;
  // Said instead of the chart and table when the range has nothing to draw.
  empty: string | null;
  table: FigureTableProps;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const { empty, days, series, y } = props;
  const stacked = props.stacked ?? false;

  useEffect(() => {
    const el = box.current;
    if (!el || empty !== null) return;
    let chart: uPlot | undefined;
    let observer: ResizeObserver | undefined;
    let gone = false;
    loadUplot().then(
      (lib) => {
        if (gone) return;
        const css = getComputedStyle(el);
        const colour = (name: string) => css.getPropertyValue(name).trim();
        chart = new lib(options(lib, { series, stacked, y }, el.clientWidth, colour), data(days, series, stacked), el);
        observer = new ResizeObserver(() => {
          if (chart && chart.width !== el.clientWidth) chart.setSize({ width: el.clientWidth, height });
        });
        observer.observe(el);
      },
      () => {
        if (!gone) setFailed(true);
      },
    );
    return () => {
      gone = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [empty, days, series, stacked, y]);

  return (
    <section class="console-card funnel-chart" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <p class="funnel-summary">{props.description}</p>
      {empty !== null ? (
        <p class="console-empty">{empty}</p>
      ) : (
        <>
          {failed ? (
            <p class="funnel-help">The chart could not be loaded; the table has the same figures.</p>
          ) : (
            <div ref={box} class="funnel-trend" aria-hidden="true" />
          )}
          <ShowAsTable {...props.table} />
        </>
      )}
    </section>
  );
}
