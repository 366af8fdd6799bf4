// A table of figures per row (a rep, a source, a day): the row's name, then its numbers, right-aligned. Its caption
// is for screen readers; the section's heading says what it is to everyone else. A table wider than its card (on a
// phone) scrolls inside the card, not the page: the scrolling box is named by the caption and takes the focus, so
// it scrolls from the keyboard too.
import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";

export interface FigureRow {
  key: string;
  label: ComponentChildren;
  cells: (string | number)[];
  // The row the report is filtered to.
  current?: boolean;
}

export interface FigureTableProps {
  caption: string;
  head: string[];
  rows: FigureRow[];
}

export function FigureTable(props: FigureTableProps) {
  const id = useId();
  const [first, ...numbers] = props.head;
  return (
    // biome-ignore lint/a11y/useSemanticElements lint/a11y/noNoninteractiveTabindex: a named, focusable box so a keyboard user can scroll a wide table (axe: scrollable-region-focusable); a fieldset is for form fields
    <div class="funnel-scroll" role="group" aria-labelledby={id} tabIndex={0}>
      <table class="funnel-sources">
        <caption id={id} class="banter-sr">
          {props.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            {numbers.map((h) => (
              <th key={h} scope="col" class="funnel-num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key} aria-current={r.current ? "true" : undefined}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, i) => (
                <td key={numbers[i]} class="funnel-num">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// A chart's figures as a table, for screen readers (the chart is a picture) and for anyone who prefers numbers.
export function ShowAsTable(props: FigureTableProps) {
  return (
    <details class="funnel-table">
      <summary>Show as table</summary>
      <FigureTable {...props} />
    </details>
  );
}
