// A horizontal bar chart in plain SVG (no chart library: the page's chunk stays small), named by its card's
// heading, with the same figures as a table for screen readers and for anyone who prefers numbers.
import type { ComponentChildren } from "preact";
import { ShowAsTable } from "./figure-table.tsx";

export interface Bar {
  label: string;
  value: number;
  // Shown after the value on the chart, e.g. "40% of opened".
  note?: string;
}

const rowHeight = 30;
const labelWidth = 210;
const barWidth = 330;
const width = 880;

export function BarChart(props: {
  id: string;
  title: string;
  summary: string;
  bars: Bar[];
  table: { head: string[]; rows: (string | number)[][] };
  children?: ComponentChildren;
}) {
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const height = props.bars.length * rowHeight + 8;
  return (
    <section class="console-card funnel-chart" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <p id={`${props.id}-summary`} class="funnel-summary">
        {props.summary}
      </p>
      {props.children}
      <svg
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-summary`}
        viewBox={`0 0 ${width} ${height}`}
        class="funnel-svg"
      >
        <title>{props.title}</title>
        {props.bars.map((b, i) => {
          const y = i * rowHeight + 4;
          const w = b.value === 0 ? 0 : Math.max(2, (b.value / max) * barWidth);
          return (
            <g key={b.label}>
              <text x={labelWidth - 8} y={y + 17} text-anchor="end" class="funnel-svg-label">
                {b.label}
              </text>
              <rect x={labelWidth} y={y} width={w} height={rowHeight - 8} rx={3} class="funnel-svg-bar" />
              <text x={labelWidth + w + 6} y={y + 17} class="funnel-svg-value">
                {b.note ? `${b.value} · ${b.note}` : String(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <ShowAsTable
        caption={props.title}
        head={props.table.head}
        rows={props.table.rows.map(([label, ...cells]) => ({ key: String(label), label, cells }))}
      />
    </section>
  );
}
